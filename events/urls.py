from django.urls import path
from django.utils.translation import pgettext_lazy

from events import interest_views, newsletter_views, views

app_name = "events"

urlpatterns = [
    path(pgettext_lazy("URL path", "events/<int:page_id>/register/"),
         views.register_for_event, name="register"),
    path(pgettext_lazy("URL path", "events/series/<int:page_id>/register/"),
         views.register_for_whole_series, name="register_series"),
    path(pgettext_lazy("URL path", "events/<int:page_id>/calendar.ics"),
         views.event_calendar, name="calendar"),
    path(pgettext_lazy("URL path", "events/<int:page_id>/cancel/"), views.cancel_own,
         name="cancel_own"),
    path(pgettext_lazy("URL path", "events/registration/confirm/<str:token>/"),
         views.confirm, name="confirm"),
    path(pgettext_lazy("URL path", "events/registration/cancel/<str:token>/"),
         views.cancel_by_link, name="cancel"),
    # Expressions of interest; the thank-you page before the status page, whose token
    # would otherwise match it.
    path(pgettext_lazy("URL path", "start-smart/interest/"), interest_views.interest_form,
         name="interest"),
    path(pgettext_lazy("URL path", "start-smart/interest/thanks/"),
         interest_views.interest_thanks, name="interest_thanks"),
    path(pgettext_lazy("URL path", "start-smart/interest/<str:token>/"),
         interest_views.interest_status, name="interest_status"),
    # The newsletter: sign-up, double opt-in, unsubscribe (one click from mail clients).
    path(pgettext_lazy("URL path", "newsletter/"), newsletter_views.signup,
         name="newsletter"),
    path(pgettext_lazy("URL path", "newsletter/thanks/"), newsletter_views.thanks,
         name="newsletter_thanks"),
    path(pgettext_lazy("URL path", "newsletter/confirm/<str:token>/"),
         newsletter_views.confirm, name="newsletter_confirm"),
    path(pgettext_lazy("URL path", "newsletter/unsubscribe/<str:token>/"),
         newsletter_views.unsubscribe, name="newsletter_unsubscribe"),
]
