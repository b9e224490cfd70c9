"""Registering for events and series, confirming, cancelling, and an event's calendar
file."""

from django.urls import path
from django.utils.translation import pgettext_lazy

from events.registrations import views

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
]
