"""iCalendar (RFC 5545) for events, written with the ``icalendar`` library: the
subscribable feed of a filtered calendar, the file of one event and the file attached
to every registration e-mail.

Times are written in Europe/Berlin with its VTIMEZONE, so that a calendar shows the
local time the office announced, also across the change to summer time. An event keeps
one UID in every language and every file, so a calendar holds each event once: a feed
of several languages carries each event in one of them. Its SEQUENCE grows whenever
participants are told of a change or one of them cancels (recorded in
``EventAnnouncement``, so that no later message ranks below an earlier one), so calendar
clients replace or remove the entry instead of ignoring the message.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from django.http import HttpRequest
from django.utils import timezone
from icalendar import Event, vCalAddress, vText
from wagtail.models import Locale

from events.registrations.models import EventAnnouncement
from home import site_urls
from home.calendars import (  # noqa: F401  (BERLIN, CONTENT_TYPE, REFRESH: this module's names too)
    BERLIN,
    CONTENT_TYPE,
    REFRESH,
    berlin_timezone,
    new_calendar,
    organiser,
)

if TYPE_CHECKING:
    from events.models import EventPage

def event_uid(event: EventPage, request: HttpRequest | None = None) -> str:
    """The event's UID: its translation key (the same in every language) at the host of
    the site that is served (home.site_urls)."""
    return f"event-{event.translation_key}@{site_urls.served_host(request)}"


def one_per_event(events: Iterable[EventPage], language: str | None) -> list[EventPage]:
    """Each event once (RFC 5545: one UID per calendar), in ``language`` where it has a
    version in it, else in the first language met."""
    wanted = Locale.objects.filter(language_code=language).values_list(
        "pk", flat=True).first() if language else None
    chosen: dict[object, EventPage] = {}
    for event in events:
        known = chosen.get(event.translation_key)
        if known is None or (known.locale_id != wanted and event.locale_id == wanted):
            chosen[event.translation_key] = event
    return list(chosen.values())


def _description(event: EventPage, url: str, private: bool) -> str:
    parts = [(event.summary or "").strip()]
    if event.is_cancelled and event.cancellation_note:
        parts.append(event.cancellation_note.strip())
    if private and event.joining_link:
        parts.append(event.joining_link)
    parts.append(url)
    return "\n".join(part for part in parts if part)


def vevent(event: EventPage, *, private: bool = False, cancel: bool = False,
           attendee: str | None = None, request: HttpRequest | None = None) -> Event:
    """One VEVENT. ``private`` adds the joining link, which only participants get;
    ``cancel`` removes the event from the attendee's calendar."""
    url = site_urls.page_url(event, request) or ""
    entry = Event()
    entry.add("uid", event_uid(event, request))
    entry.add("dtstamp", timezone.now())
    entry.add("dtstart", timezone.localtime(event.start, BERLIN))
    entry.add("dtend", timezone.localtime(event.end, BERLIN))
    entry.add("summary", event.title)
    entry.add("description", _description(event, url, private))
    entry.add("categories", [str(event.get_format_display())])
    entry.add("url", url)
    entry.add("sequence", event.calendar_sequence)
    entry.add("organizer", organiser())
    entry.add("status", "CANCELLED" if cancel or event.is_cancelled else "CONFIRMED")
    if attendee:
        person = vCalAddress(f"mailto:{attendee}")
        person.params["ROLE"] = vText("REQ-PARTICIPANT")
        person.params["PARTSTAT"] = vText("DECLINED" if cancel else "ACCEPTED")
        entry.add("attendee", person)
    location = event.place
    if private and event.joining_link and event.mode != "on-site":
        location = f"{event.place} – {event.joining_link}" if event.place else event.joining_link
    if location:
        entry.add("location", location)
    if event.last_published_at:
        entry.add("last-modified", event.last_published_at)
    return entry


def calendar(events: Iterable[EventPage], *, name: str = "", method: str = "PUBLISH",
             private: bool = False, attendee: str | None = None,
             request: HttpRequest | None = None, language: str | None = None) -> bytes:
    """A whole VCALENDAR (CRLF line ends and folding done by the library). Its addresses
    name the site that serves ``request`` (or, for a mail, the request being answered or
    the Site: home.site_urls)."""
    cal = new_calendar(name, method)
    chosen = one_per_event(events, language)
    # Each event's SEQUENCE in one query, not one per event.
    EventAnnouncement.remember_sequences(chosen)
    for event in chosen:
        cal.add_component(vevent(event, private=private, cancel=method == "CANCEL",
                                 attendee=attendee, request=request))
    return cal.to_ical()


def attachment(events: Iterable[EventPage], *, filename: str, method: str = "PUBLISH",
               private: bool = False, attendee: str | None = None) -> tuple[str, str, str]:
    """The calendar as an e-mail attachment ``(filename, text, MIME type)``. The type
    carries the METHOD as calendar clients look for it (RFC 6047); Django adds the one
    charset parameter itself."""
    body = calendar(events, method=method, private=private, attendee=attendee)
    return filename, body.decode("utf-8"), f"text/calendar; method={method}"
