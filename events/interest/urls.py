"""The expression-of-interest form, its thank-you page and the requester's status page."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from events.interest import views

urlpatterns = [
    # The thank-you page before the status page, whose token
    # would otherwise match it.
    path(pgettext_lazy("URL path", "start-smart/interest/"), views.interest_form,
         name="interest"),
    path(pgettext_lazy("URL path", "start-smart/interest/thanks/"),
         views.interest_thanks, name="interest_thanks"),
    path(pgettext_lazy("URL path", "start-smart/interest/<str:token>/"),
         views.interest_status, name="interest_status"),
]
