"""iCalendar (RFC 5545) for events: the subscribable feed of a filtered calendar and the
file attached to every registration e-mail.

Times are written in Europe/Berlin with its VTIMEZONE, so that a calendar shows the
local time the office announced, also across the change to summer time. An event keeps
one UID in every language and every file; its SEQUENCE grows whenever participants
are told of a change, so calendar clients replace the entry instead of adding one.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from email.utils import parseaddr
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from django.utils.text import normalize_newlines

if TYPE_CHECKING:
    from events.models import EventPage

BERLIN = ZoneInfo("Europe/Berlin")
PRODUCT_ID = "-//Smart Cities knowledge platform//Start Smart//DE"
CONTENT_TYPE = "text/calendar; charset=utf-8"

# Central European Time with the EU rule for summer time (last Sunday of March and of
# October), as every calendar client expects it for TZID=Europe/Berlin.
BERLIN_TIMEZONE = [
    "BEGIN:VTIMEZONE",
    "TZID:Europe/Berlin",
    "X-LIC-LOCATION:Europe/Berlin",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]


def escape_text(value: str) -> str:
    """A TEXT value: backslash, semicolon and comma escaped, line breaks as \\n."""
    value = normalize_newlines(value or "")
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def fold(line: str) -> str:
    """Fold a content line at 75 octets without splitting a UTF-8 character."""
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    limit = 75
    for char in line:
        octets = char.encode("utf-8")
        if len(current) + len(octets) > limit:
            parts.append(current.decode("utf-8"))
            current = b""
            limit = 74  # continuation lines start with one space
        current += octets
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def local_time(moment: datetime) -> str:
    return moment.astimezone(BERLIN).strftime("%Y%m%dT%H%M%S")


def utc_time(moment: datetime) -> str:
    return moment.astimezone(ZoneInfo("UTC")).strftime("%Y%m%dT%H%M%SZ")


def absolute_url(path: str) -> str:
    if path.startswith(("http://", "https://")):
        return path
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def organiser_address() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1] or "noreply@localhost"


def organiser_name() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[0] or "Start Smart"


def escape_parameter(value: str) -> str:
    """A parameter value: quoted, without the characters RFC 5545 forbids there."""
    return '"' + value.replace('"', "").replace("\n", " ") + '"'


def event_uid(event: EventPage) -> str:
    host = settings.WAGTAILADMIN_BASE_URL.split("://", 1)[-1].split("/", 1)[0].split(":")[0]
    return f"event-{event.translation_key}@{host or 'localhost'}"


def event_lines(event: EventPage, *, private: bool = False,
                cancelled: bool | None = None) -> list[str]:
    """One VEVENT. ``private`` adds the joining link, which only participants get."""
    is_cancelled = event.is_cancelled if cancelled is None else cancelled
    url = absolute_url(event.url or "")
    description = [event.summary.strip()]
    if event.is_cancelled and event.cancellation_note:
        description.append(event.cancellation_note.strip())
    if private and event.joining_link:
        description.append(event.joining_link)
    description.append(url)
    location = event.place
    if private and event.joining_link and event.mode != "on-site":
        location = f"{event.place} – {event.joining_link}" if event.place else event.joining_link
    lines = [
        "BEGIN:VEVENT",
        f"UID:{event_uid(event)}",
        f"DTSTAMP:{utc_time(timezone.now())}",
        f"DTSTART;TZID=Europe/Berlin:{local_time(event.start)}",
        f"DTEND;TZID=Europe/Berlin:{local_time(event.end)}",
        f"SUMMARY:{escape_text(event.title)}",
        f"DESCRIPTION:{escape_text(chr(10).join(part for part in description if part))}",
        f"CATEGORIES:{escape_text(str(event.get_format_display()))}",
        f"URL:{url}",
        f"SEQUENCE:{event.calendar_sequence}",
        f"ORGANIZER;CN={escape_parameter(organiser_name())}:mailto:{organiser_address()}",
        f"STATUS:{'CANCELLED' if is_cancelled else 'CONFIRMED'}",
    ]
    if location:
        lines.append(f"LOCATION:{escape_text(location)}")
    if event.last_published_at:
        lines.append(f"LAST-MODIFIED:{utc_time(event.last_published_at)}")
    lines.append("END:VEVENT")
    return lines


def calendar(events: Iterable[EventPage], *, name: str = "", method: str = "PUBLISH",
             private: bool = False) -> str:
    """A whole VCALENDAR, lines folded and ended with CRLF as RFC 5545 asks."""
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
    ]
    if name:
        lines += [f"X-WR-CALNAME:{escape_text(name)}", f"NAME:{escape_text(name)}"]
    lines += ["X-WR-TIMEZONE:Europe/Berlin", "REFRESH-INTERVAL;VALUE=DURATION:PT6H",
              "X-PUBLISHED-TTL:PT6H", *BERLIN_TIMEZONE]
    for event in events:
        lines += event_lines(event, private=private,
                             cancelled=True if method == "CANCEL" else None)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


