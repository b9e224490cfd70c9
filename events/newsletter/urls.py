"""The newsletter: sign-up, double opt-in, unsubscribe (one click from mail clients)."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from events.newsletter import views

urlpatterns = [
    path(pgettext_lazy("URL path", "newsletter/"), views.signup,
         name="newsletter"),
    path(pgettext_lazy("URL path", "newsletter/thanks/"), views.thanks,
         name="newsletter_thanks"),
    path(pgettext_lazy("URL path", "newsletter/confirm/<str:token>/"),
         views.confirm, name="newsletter_confirm"),
    path(pgettext_lazy("URL path", "newsletter/unsubscribe/<str:token>/"),
         views.unsubscribe, name="newsletter_unsubscribe"),
]
