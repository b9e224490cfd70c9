"""What happens when an editor publishes an event: participants hear once of every change
they must act on (date, mode, place, joining link, cancellation), reminders follow a new
start, a session new to a series takes in the series' registrants, and a larger
capacity moves people up. The links of its outcomes are recorded with every save of its
content (events.outcomes)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models.signals import post_save
from wagtail.signals import page_published

from events.interest.service import tell_requesters_of_their_consultation
from events.models import EventIndexPage, EventPage
from events.outcomes import record_links
from events.registrations import emails
from events.registrations.added_sessions import enrol_series_registrants
from events.registrations.announcements import (
    forget_reminders,
    recipients,
    record_publication,
)
from events.registrations.service import fill_free_places
from events.roles import grant_calendar_to_event_managers

# What a municipality that asked for a consultation must hear of.
CONSULTATION_DETAILS = {"start", "end", "mode", "place", "joining_link"}


def announce_published_event(sender: Any, instance: EventPage, **kwargs: Any) -> None:
    event = instance
    if event.registration_event().pk != event.pk:
        return  # translations share the source page's registrations and announcements
    announcement = record_publication(event)
    if (announcement.first or announcement.changed & CONSULTATION_DETAILS) \
            and not event.is_cancelled and event.expressions_of_interest.exists():
        transaction.on_commit(lambda: tell_requesters_of_their_consultation(event))
    if announcement.first:
        # First published: a session that joins a series people registered for.
        enrol_series_registrants(event)
        return
    forget_reminders(event, announcement)
    told = recipients(event, announcement)
    if told:
        transaction.on_commit(lambda: emails.send_event_changed(
            event, told, cancelled=event.is_cancelled, changed=announcement.changed))
    if not event.is_cancelled:
        fill_free_places(event)


def record_outcome_links(sender: Any, instance: EventPage, raw: bool = False,
                         update_fields: Any = None, **kwargs: Any) -> None:
    """The links of the outcomes the event's row holds. Saving a draft saves only the
    row's revision fields (update_fields), and leaves the published links as they are."""
    if raw or (update_fields is not None and "outcomes" not in update_fields):
        return
    record_links(instance)


def connect() -> None:
    post_save.connect(record_outcome_links, sender=EventPage,
                      dispatch_uid="events.record_outcome_links")
    page_published.connect(announce_published_event, sender=EventPage,
                           dispatch_uid="events.announce_published_event")
    post_save.connect(grant_calendar_to_event_managers, sender=EventIndexPage,
                      dispatch_uid="events.grant_calendar_to_event_managers")
