"""What happens when an editor publishes an event: participants hear of a new date, a
new place or a cancellation once, and a larger capacity moves people up."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published

from events.models import EventIndexPage, EventPage, Registration, RegistrationStatus
from events.registrations import emails
from events.registrations.added_sessions import enrol_series_registrants
from events.registrations.service import fill_free_places
from events.roles import grant_calendar_to_event_managers


def announce_published_event(sender: Any, instance: EventPage, **kwargs: Any) -> None:
    event = instance
    if event.registration_event().pk != event.pk:
        return  # translations share the source page's registrations and announcements
    schedule = {"announced_start": event.start, "announced_end": event.end,
                "announced_place": event.place, "announced_cancelled": event.is_cancelled}
    if event.announced_start is None:
        EventPage.objects.filter(pk=event.pk).update(**schedule)
        # First published: a session that joins a series people registered for.
        enrol_series_registrants(event)
        return
    moved = (event.start != event.announced_start or event.end != event.announced_end
             or event.place != event.announced_place)
    newly_cancelled = event.is_cancelled and not event.announced_cancelled
    if moved or newly_cancelled or event.is_cancelled != event.announced_cancelled:
        sequence = event.calendar_sequence + 1
        with transaction.atomic():
            EventPage.objects.filter(translation_key=event.translation_key).update(
                calendar_sequence=sequence)
            EventPage.objects.filter(pk=event.pk).update(**schedule)
        event.calendar_sequence = sequence
        if moved or newly_cancelled:
            told = list(Registration.objects.filter(
                event=event, status__in=[RegistrationStatus.CONFIRMED,
                                         RegistrationStatus.WAITLISTED])
                .select_related("event", "series"))
            emails.send_event_changed(event, told, cancelled=event.is_cancelled)
    if not event.is_cancelled:
        fill_free_places(event)


def connect() -> None:
    page_published.connect(announce_published_event, sender=EventPage,
                           dispatch_uid="events.announce_published_event")
    post_save.connect(grant_calendar_to_event_managers, sender=EventIndexPage,
                      dispatch_uid="events.grant_calendar_to_event_managers")
