"""A session added to a series after people registered for the whole series: they are
registered for it too, as the series page promised ("registering for the series
registers for every session still ahead")."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from events.models import (
    ACTIVE_STATES,
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationStatus,
)
from events.registrations import emails
from events.registrations.service import lock_event, take_place_or_wait


def _series_registrants(series: EventSeriesPage, session: EventPage) -> list[Registration]:
    """Each person registered for the series (with a place or waiting) once, by their
    first registration for it: the order in which they signed up."""
    earlier = (Registration.objects
               .filter(series=series, status__in=[RegistrationStatus.CONFIRMED,
                                                  RegistrationStatus.WAITLISTED])
               .exclude(event=session).order_by("created_at", "pk"))
    first: dict[str, Registration] = {}
    for registration in earlier:
        first.setdefault(registration.email, registration)
    return list(first.values())


def enrol_series_registrants(session: EventPage) -> list[Registration]:
    """A session added to a series after people registered for the whole series: they
    get a place in it, or a place on its waiting list in the order they signed up for
    the series, and one e-mail. Someone registered for the session already is left as
    they are, so running this again registers and tells nobody twice."""
    series = session.series()
    if series is None:
        return []
    series = series.registration_series()
    now = timezone.now()
    made: list[Registration] = []
    with transaction.atomic():
        event = lock_event(session)
        if event.registration_closed_reason(now):
            return []
        present = set(event.registrations.filter(status__in=ACTIVE_STATES)
                      .values_list("email", flat=True))
        for earlier in _series_registrants(series, event):
            if earlier.email in present:
                continue
            registration = Registration(
                event=event, series=series, email=earlier.email, name=earlier.name,
                user_id=earlier.user_id, municipality_id=earlier.municipality_id,
                organisation=earlier.organisation, language=earlier.language,
                confirmed_at=earlier.confirmed_at or now)
            take_place_or_wait(event, registration, now)
            registration.save()
            made.append(registration)
        if made:
            transaction.on_commit(lambda: emails.send_session_added(made))
    return made
