"""E-mails of the programme, each in its recipient's language, each about events with
the calendar file attached where a calendar should change."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.models import Locale

from events import ical
from events.models import EventPage, Registration, RegistrationStatus
from home import signed_links, site_urls

# The guest's confirmation link (double opt-in): signed, for three days.
OPT_IN_SALT = "events.confirm-registration"
OPT_IN_MAX_AGE = 3 * 24 * 3600


def opt_in_token(registrations: Iterable[Registration]) -> str:
    return signed_links.sign({"r": sorted(r.pk for r in registrations)}, salt=OPT_IN_SALT)


def absolute(path: str) -> str:
    return site_urls.absolute_url(path)


# What participants are told must be the original's, even before a translation has been
# synchronised and published again.
SCHEDULE_FIELDS = ("start", "end", "mode", "place", "joining_link", "is_cancelled",
                   "calendar_sequence")


def in_language(page: Any, language: str) -> Any:
    """The page's version in the given language (else the page itself), carrying the
    original's date, place and link."""
    locale = Locale.objects.filter(language_code=language).first()
    if locale is None or page.locale_id == locale.pk:
        return page
    translated = page.get_translation_or_none(locale)
    if translated is None:
        return page
    translated = translated.specific
    if isinstance(page, EventPage):
        for name in SCHEDULE_FIELDS:
            setattr(translated, name, getattr(page, name))
    return translated


def cancellation_url(registration: Registration) -> str:
    with translation.override(registration.language):
        return absolute(reverse("events:cancel", args=[registration.token]))


def _calendar_file(events: Sequence[EventPage], *, attendee: str, method: str = "REQUEST",
                   private: bool = False) -> tuple[str, str, str]:
    """An invitation (REQUEST) or its withdrawal (CANCEL) for the ``attendee`` it is
    addressed to (RFC 5546 wants both to name them), so that calendar clients offer to
    add, update or remove the entry. ``private`` adds the joining link: only for people
    with a confirmed place."""
    return ical.attachment(
        events, filename="termine.ics" if translation.get_language() == "de" else "events.ics",
        method=method, private=private, attendee=attendee)


def _send(to: str, subject: str, template: str, context: dict[str, Any],
          attachments: Iterable[tuple[str, str, str]] = (), connection: Any = None,
          headers: dict[str, str] | None = None) -> None:
    body = render_to_string(template, {"base_url": absolute(""), **context})
    message = EmailMessage(subject[:200], body.strip() + "\n", to=[to],
                           connection=connection, headers=headers or {})
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.send()


def _entries(registrations: Sequence[Registration], language: str) -> list[dict[str, Any]]:
    return [{"registration": r, "event": in_language(r.event, language),
             "cancel_url": cancellation_url(r),
             "start": timezone.localtime(r.event.start), "end": timezone.localtime(r.event.end),
             "waiting": r.status == RegistrationStatus.WAITLISTED}
            for r in sorted(registrations, key=lambda r: r.event.start)]


def send_opt_in(registrations: Sequence[Registration]) -> None:
    first = registrations[0]
    with translation.override(first.language):
        link = absolute(reverse("events:confirm", args=[opt_in_token(registrations)]))
        entries = _entries(registrations, first.language)
        _send(first.email, _("Please confirm your registration"),
              "events/emails/opt_in.txt",
              {"name": first.name, "entries": entries, "link": link})


def send_already_registered(registrations: Sequence[Registration]) -> None:
    """To a guest who signed up again: how things stand, with nothing to confirm (the
    page said only that an e-mail is on its way)."""
    first = registrations[0]
    with translation.override(first.language):
        _send(first.email, _("Your registration: how things stand"),
              "events/emails/already_registered.txt",
              {"name": first.name, "entries": _entries(registrations, first.language)})


def send_registration(registrations: Sequence[Registration]) -> None:
    """Confirmation of places and waiting-list entries, with the calendar file."""
    by_person: dict[str, list[Registration]] = defaultdict(list)
    for registration in registrations:
        by_person[registration.email].append(registration)
    for email, own in by_person.items():
        first = own[0]
        with translation.override(first.language):
            entries = _entries(own, first.language)
            series = in_language(first.series, first.language) if first.series_id else None
            confirmed = [e["event"] for e in entries if not e["waiting"]]
            if series:
                subject = _("Your registration for the series %(title)s") % {
                    "title": series.title}
            elif confirmed:
                subject = _("Your registration: %(title)s") % {"title": entries[0]["event"].title}
            else:
                subject = _("You are on the waiting list: %(title)s") % {
                    "title": entries[0]["event"].title}
            attachments = ([_calendar_file(confirmed, private=True, attendee=email)]
                           if confirmed else [])
            _send(email, subject, "events/emails/registration.txt",
                  {"name": first.name, "entries": entries, "series": series},
                  attachments)


def send_session_added(registrations: Sequence[Registration]) -> None:
    """To each person registered for a series, when a session is added to it later:
    their place (or place on the waiting list) in the new session, with the calendar
    file for a place."""
    connection = get_connection()
    for registration in registrations:
        with translation.override(registration.language):
            series = in_language(registration.series, registration.language)
            entries = _entries([registration], registration.language)
            confirmed = [e["event"] for e in entries if not e["waiting"]]
            _send(registration.email,
                  _("New session in your series %(title)s") % {"title": series.title},
                  "events/emails/session_added.txt",
                  {"name": registration.name, "entries": entries, "series": series},
                  [_calendar_file(confirmed, private=True, attendee=registration.email)]
                  if confirmed else [],
                  connection=connection)


def send_promotion(registrations: Sequence[Registration]) -> None:
    for registration in registrations:
        with translation.override(registration.language):
            event = in_language(registration.event, registration.language)
            entries = _entries([registration], registration.language)
            _send(registration.email,
                  _("A place has become free for you: %(title)s") % {"title": event.title},
                  "events/emails/promotion.txt",
                  {"name": registration.name, "entries": entries},
                  [_calendar_file([event], private=True, attendee=registration.email)])


def send_cancellation(registrations: Sequence[Registration], *, by_office: bool = False) -> None:
    if not registrations:
        return
    first = registrations[0]
    with translation.override(first.language):
        entries = _entries(registrations, first.language)
        events = [e["event"] for e in entries]
        subject = (_("Your registration has been cancelled: %(title)s")
                   % {"title": events[0].title})
        _send(first.email, subject, "events/emails/cancellation.txt",
              {"name": first.name, "entries": entries, "by_office": by_office},
              [_calendar_file(events, method="CANCEL", attendee=first.email)])


def send_event_changed(event: EventPage, registrations: Sequence[Registration], *,
                       cancelled: bool, changed: Iterable[str] = ("start",)) -> int:
    """Tell participants and those waiting what changed (``changed`` names the page's
    fields), or that the event was cancelled."""
    connection = get_connection()
    changed = frozenset(changed)
    sent = 0
    for registration in registrations:
        with translation.override(registration.language):
            local = in_language(event, registration.language)
            entries = _entries([registration], registration.language)
            confirmed = registration.status == RegistrationStatus.CONFIRMED
            if cancelled:
                subject = _("Cancelled: %(title)s") % {"title": local.title}
                attachment = _calendar_file([local], method="CANCEL",
                                            attendee=registration.email)
            else:
                subject = (_("New date or place: %(title)s")
                           if changed & {"start", "end", "place"}
                           else _("Changed details: %(title)s")) % {"title": local.title}
                # Someone waiting has no place to put in a calendar yet.
                attachment = (_calendar_file([local], private=True,
                                             attendee=registration.email)
                              if confirmed else None)
            _send(registration.email, subject, "events/emails/changed.txt",
                  {"name": registration.name, "entries": entries, "cancelled": cancelled,
                   "event": local, "changed": changed, "confirmed": confirmed},
                  [attachment] if attachment else [], connection=connection)
            sent += 1
    return sent


def send_reminder(registration: Registration, connection: Any = None) -> None:
    with translation.override(registration.language):
        event = in_language(registration.event, registration.language)
        entries = _entries([registration], registration.language)
        _send(registration.email, _("Tomorrow: %(title)s") % {"title": event.title},
              "events/emails/reminder.txt",
              {"name": registration.name, "entries": entries, "event": event},
              [_calendar_file([event], private=True, attendee=registration.email)],
              connection=connection)


def send_message(event: EventPage, registrations: Sequence[Registration], subject: str,
                 text: str) -> int:
    """The office's own message to participants, sent as written."""
    connection = get_connection()
    for registration in registrations:
        with translation.override(registration.language):
            _send(registration.email, subject, "events/emails/message.txt",
                  {"name": registration.name, "text": text,
                   "event": in_language(event, registration.language),
                   "cancel_url": cancellation_url(registration)},
                  connection=connection, headers={"Reply-To": settings.DEFAULT_FROM_EMAIL})
    return len(registrations)
