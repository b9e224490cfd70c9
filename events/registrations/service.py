"""The rules of registration: who gets a place, who waits, who moves up.

Every change to an event's places happens inside a transaction that first locks the
event's row (``SELECT … FOR UPDATE`` on PostgreSQL), so two people asking for the last
place at the same moment are served one after the other: one gets it, the other goes
to the waiting list. E-mails leave only after the transaction commits.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from events.models import (
    ACTIVE_STATES,
    EventAnnouncement,
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationStatus,
)
from events.registrations import emails
from events.registrations.emails import OPT_IN_MAX_AGE, OPT_IN_SALT
from home import signed_links
from home.limits import exceeded
from home.signed_links import LinkError


class RegistrationError(ValueError):
    """A registration that cannot be made or changed; the message says why."""


@dataclass(frozen=True)
class Registrant:
    name: str
    email: str
    municipality: Any = None
    organisation: str = ""
    user: Any = None
    language: str = ""

    @classmethod
    def member(cls, user: Any) -> Registrant:
        profile = getattr(user, "member_profile", None)
        return cls(
            name=(profile.display_name if profile else "") or user.get_full_name()
            or user.email,
            email=user.email, user=user,
            municipality=profile.municipality if profile else None,
            organisation=profile.organisation if profile else "",
            language=(profile.language if profile else "") or translation.get_language(),
        )


def lock_events(events: Iterable[EventPage]) -> list[EventPage]:
    """The rows of these events (the versions that hold the registrations), locked until
    the transaction ends. Every change to places goes through here, once per request and
    before anything else is locked, in one statement and one global order: start, then
    id. So two requests that touch several sessions (a whole series cancelled, a series
    registered for, a confirmation link for several sessions) take their locks in the
    same order and never wait for each other in a circle, which PostgreSQL would end by
    failing one of them."""
    keys = {event.registration_event().pk for event in events}
    return list(EventPage.objects.select_for_update(of=("self",))
                .filter(pk__in=keys).order_by("start", "pk"))


def lock_event(event: EventPage) -> EventPage:
    """One event's row, locked until the transaction ends (see :func:`lock_events`)."""
    return lock_events([event])[0]


def _places_left(event: EventPage) -> int | None:
    if event.capacity is None:
        return None
    taken = event.registrations.filter(status=RegistrationStatus.CONFIRMED).count()
    return max(event.capacity - taken, 0)


def take_place_or_wait(event: EventPage, registration: Registration, now: datetime) -> None:
    left = _places_left(event)
    if left is None or left > 0:
        registration.status = RegistrationStatus.CONFIRMED
    else:
        registration.status = RegistrationStatus.WAITLISTED
        registration.waitlisted_at = now


def _existing(event: EventPage, email: str) -> Registration | None:
    return (event.registrations.filter(email=email, status__in=ACTIVE_STATES)
            .order_by("-created_at").first())


def _refuse_existing(existing: Registration) -> None:
    if existing.status == RegistrationStatus.WAITLISTED:
        raise RegistrationError(_("You are on the waiting list for this event already."))
    raise RegistrationError(_("You are registered for this event already."))


# A guest's e-mail goes to whatever address the form was given: this many an hour per
# address, so the form cannot flood an inbox (further sign-ups answer the same, unmailed).
GUEST_MAILS_PER_ADDRESS_AND_HOUR = 3


def _tell_guest(registrations: list[Registration], *, known: bool) -> None:
    """The truth goes by e-mail, never onto the page: a new registration gets the opt-in
    link, an address that is registered (or waiting) already is told how things stand.
    The page answers every address alike, so nobody learns who attends."""
    if exceeded("events:guest-mail", f"{GUEST_MAILS_PER_ADDRESS_AND_HOUR}/h",
                by=registrations[0].email):
        return
    send = emails.send_already_registered if known else emails.send_opt_in
    transaction.on_commit(lambda: send(registrations))


def register(event: EventPage, registrant: Registrant, *, confirmed: bool,
             series: EventSeriesPage | None = None, notify: bool = True) -> Registration:
    """Register for one event. ``confirmed`` says whether the address is known to work
    (a member's); otherwise the registration waits for the opt-in link and holds no
    place until then. Raises :class:`RegistrationError` with the reason."""
    email = registrant.email.strip().lower()
    now = timezone.now()
    try:
        with transaction.atomic():
            event = lock_event(event)
            reason = event.registration_closed_reason(now)
            if reason:
                raise RegistrationError(reason)
            existing = _existing(event, email)
            if existing is not None:
                if not confirmed:
                    if notify:
                        _tell_guest([existing],
                                    known=existing.status != RegistrationStatus.PENDING)
                    return existing
                if existing.status != RegistrationStatus.PENDING:
                    _refuse_existing(existing)
            registration = existing or Registration(event=event, email=email)
            registration.name = registrant.name.strip()
            registration.user = registrant.user
            registration.municipality = registrant.municipality
            registration.organisation = registrant.organisation.strip()
            registration.language = registrant.language or translation.get_language()
            registration.series = series
            if confirmed:
                registration.confirmed_at = now
                take_place_or_wait(event, registration, now)
            else:
                registration.status = RegistrationStatus.PENDING
            registration.save()
    except IntegrityError:
        # Someone registered the same address a moment earlier.
        raise RegistrationError(_("You are registered for this event already.")) from None
    if notify and confirmed:
        transaction.on_commit(lambda: emails.send_registration([registration]))
    elif notify:
        _tell_guest([registration], known=False)
    return registration


def register_for_series(series: EventSeriesPage, registrant: Registrant, *,
                        confirmed: bool) -> list[Registration]:
    """Register for every session of the series that still takes registrations. Fails
    as a whole when no session does, or when the address is registered for all."""
    sessions = [session.registration_event() for session in series.sessions()]
    now = timezone.now()
    open_sessions = [s for s in sessions if not s.registration_closed_reason(now)]
    if not open_sessions:
        raise RegistrationError(_("No session of this series takes registrations now."))
    made: list[Registration] = []
    with transaction.atomic():
        lock_events(open_sessions)
        for session in open_sessions:
            try:
                made.append(register(session, registrant, confirmed=confirmed,
                                     series=series.registration_series(), notify=False))
            except RegistrationError:
                continue
        if not made:
            raise RegistrationError(
                _("You are registered for every session of this series already."))
        if confirmed:
            transaction.on_commit(lambda: emails.send_registration(made))
        else:
            pending = [r for r in made if r.status == RegistrationStatus.PENDING]
            known = [r for r in made if r.status != RegistrationStatus.PENDING]
            for registrations, is_known in ((pending, False), (known, True)):
                if registrations:
                    _tell_guest(registrations, known=is_known)
    return made


def confirm_opt_in(token: str) -> list[Registration]:
    """Confirm a guest's address: each registration takes a place or joins the waiting
    list, in the order the link is opened, not the order of sign-up."""
    data = signed_links.read(
        token, salt=OPT_IN_SALT, max_age=OPT_IN_MAX_AGE,
        expired=_("This confirmation link has expired. Please register again."),
        invalid=_("This confirmation link is not valid."))
    ids = data.get("r") or []
    now = timezone.now()
    confirmed: list[Registration] = []
    with transaction.atomic():
        registrations = list(Registration.objects.filter(pk__in=ids).order_by("event__start"))
        if not registrations:
            raise LinkError(_("This confirmation link is not valid."))
        pending = [r for r in registrations if r.status == RegistrationStatus.PENDING]
        if not pending:
            if all(r.status == RegistrationStatus.CANCELLED for r in registrations):
                raise LinkError(_("This registration has been cancelled."))
            return registrations
        locked = {event.pk: event for event in
                  lock_events([registration.event for registration in pending])}
        pending.sort(key=lambda r: (r.event.start, r.event_id))
        for registration in pending:
            event = locked[registration.event.registration_event().pk]
            # Read again under the lock: the same link opened twice at once confirms once.
            registration = Registration.objects.select_for_update().get(pk=registration.pk)
            if registration.status != RegistrationStatus.PENDING:
                continue
            if event.registration_closed_reason(now):
                continue
            registration.confirmed_at = now
            take_place_or_wait(event, registration, now)
            registration.save(update_fields=["status", "confirmed_at", "waitlisted_at"])
            confirmed.append(registration)
        if not confirmed:
            raise LinkError(_("Registration has closed in the meantime; your address was "
                              "not registered."))
        transaction.on_commit(lambda: emails.send_registration(confirmed))
    return registrations


def registration_for_token(token: str) -> Registration:
    registration = (Registration.objects.select_related("event", "series")
                    .filter(token=token).first())
    if registration is None:
        raise LinkError(_("This cancellation link is not valid. Please use the link from "
                          "your most recent e-mail."), status=404)
    return registration


def cancel(registration: Registration, *, by_office: bool = False,
           notify: bool = True) -> list[Registration]:
    """Cancel one registration and give its place to the first person waiting. Returns
    the registrations that moved up."""
    return cancel_registrations([registration], by_office=by_office, notify=notify)


def cancel_registrations(registrations: Sequence[Registration], *, by_office: bool = False,
                         notify: bool = True) -> list[Registration]:
    """Cancel these registrations of one person (one, or the sessions of a series) in one
    transaction that locks their events once, in the global order, and give each freed
    place to the first person waiting; one e-mail says what was cancelled. Returns the
    registrations that moved up."""
    now = timezone.now()
    promoted: list[Registration] = []
    with transaction.atomic():
        events = lock_events([registration.event for registration in registrations])
        rows = list(Registration.objects.select_for_update().order_by("pk")
                    .filter(pk__in=[registration.pk for registration in registrations]))
        cancelled: list[Registration] = []
        for event in events:
            for row in (r for r in rows if r.event_id == event.pk):
                if row.status == RegistrationStatus.CANCELLED and len(rows) > 1:
                    continue  # cancelled a moment ago by another request: one of several
                _cancel_one(row, event, now)
                cancelled.append(row)
            if any(row.event_id == event.pk for row in cancelled):
                # The cancellation's calendar file outranks the invitation sent before.
                EventAnnouncement.raise_sequence(event)
            promoted += promote_waiting(event, now=now)
        if notify and cancelled:
            transaction.on_commit(lambda: emails.send_cancellation(cancelled,
                                                                   by_office=by_office))
    return promoted


def _cancel_one(registration: Registration, event: EventPage, now: datetime) -> None:
    if registration.status == RegistrationStatus.CANCELLED:
        raise RegistrationError(_("This registration has been cancelled already."))
    if event.is_past(now):
        raise RegistrationError(_("This event is over; the registration can no longer "
                                  "be cancelled."))
    registration.event = event
    registration.status = RegistrationStatus.CANCELLED
    registration.cancelled_at = now
    registration.save(update_fields=["status", "cancelled_at"])


def cancel_series(registration: Registration) -> list[Registration]:
    """Cancel every registration of this person for sessions of the same series that
    have not ended yet."""
    if registration.series_id is None:
        return cancel(registration)
    return cancel_registrations(list(
        Registration.objects.filter(series_id=registration.series_id,
                                    email=registration.email, status__in=ACTIVE_STATES,
                                    event__end__gt=timezone.now())))


def promote_waiting(event: EventPage, *, now: datetime | None = None) -> list[Registration]:
    """Fill free places from the waiting list, first come first served. The caller holds
    the event's lock."""
    now = now or timezone.now()
    if event.is_past(now) or event.is_cancelled:
        return []
    left = _places_left(event)
    waiting = event.registrations.filter(status=RegistrationStatus.WAITLISTED).order_by(
        "waitlisted_at", "pk")
    moving = list(waiting if left is None else waiting[:left])
    for registration in moving:
        registration.status = RegistrationStatus.CONFIRMED
        registration.promoted_at = now
        registration.save(update_fields=["status", "promoted_at"])
    if moving:
        transaction.on_commit(lambda: emails.send_promotion(moving))
    return moving


def fill_free_places(event: EventPage) -> list[Registration]:
    """After an editor raised the capacity: move people up."""
    with transaction.atomic():
        return promote_waiting(lock_event(event))
