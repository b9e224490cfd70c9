"""What an event's and a series' pages show about registering: the places left, the
visitor's own registration and the sessions of a series still open to them."""

from __future__ import annotations

from typing import Any

from django.db.models import Count
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from events.models import (
    ACTIVE_STATES,
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationStatus,
)
from events.registrations.forms import GuestRegistrationForm


def own_registration(event: EventPage, user: Any) -> Registration | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (Registration.objects.filter(event=event.registration_event(),
                                        status__in=ACTIVE_STATES)
            .filter(email=user.email.lower()).first())


def availability(event: EventPage) -> dict[str, Any]:
    source = event.registration_event()
    counts = dict(source.registrations.filter(
        status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED])
        .values_list("status").annotate(total=Count("pk")))
    taken = counts.get(RegistrationStatus.CONFIRMED, 0)
    return {
        "capacity": source.capacity,
        "taken": taken,
        "places_left": None if source.capacity is None else max(source.capacity - taken, 0),
        "waiting": counts.get(RegistrationStatus.WAITLISTED, 0),
    }


def event_context(event: EventPage, request: HttpRequest) -> dict[str, Any]:
    registration = own_registration(event, request.user)
    return {
        "calendar_url": reverse("events:calendar", args=[event.pk]),
        "registration": registration,
        "show_joining_link": bool(registration
                                  and registration.status == RegistrationStatus.CONFIRMED),
        "availability": availability(event),
        "closed_reason": event.registration_closed_reason(),
        "guest_form": (GuestRegistrationForm()
                       if not request.user.is_authenticated else None),
        "series": event.series(),
        "topics": event.localized_topics(),
        "speakers": event.localized_speakers(),
        "host": event.localized_host(),
    }


def series_context(series: EventSeriesPage, request: HttpRequest) -> dict[str, Any]:
    sessions = list(series.sessions())
    EventPage.find_registration_events(sessions)
    own: dict[int, Registration] = {}
    if request.user.is_authenticated:
        keys = {session.registration_event().pk: session for session in sessions}
        for registration in Registration.objects.filter(
                event_id__in=keys, email=request.user.email.lower(),
                status__in=ACTIVE_STATES):
            own[keys[registration.event_id].pk] = registration
    now = timezone.now()
    open_sessions = [s for s in sessions if not s.registration_closed_reason(now)]
    # Registering for the series registers for the open sessions the member is not
    # registered for yet (register_for_series); when there are none, the page says where
    # the member stands instead of offering a button that can only fail.
    to_register = [s for s in open_sessions if s.pk not in own]
    return {
        "sessions": [{"page": session, "registration": own.get(session.pk),
                      "closed_reason": session.registration_closed_reason(now)}
                     for session in sessions],
        "open_sessions": len(open_sessions),
        "sessions_to_register": len(to_register),
        "places_held": sum(1 for s in open_sessions if s.pk in own
                           and own[s.pk].status == RegistrationStatus.CONFIRMED),
        "guest_form": (GuestRegistrationForm()
                       if not request.user.is_authenticated else None),
        "topics": series.localized_topics(),
        "speakers": series.localized_speakers(),
        "host": series.localized_host(),
    }
