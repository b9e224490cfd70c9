"""What every iCalendar (RFC 5545) file of the platform shares, written with the
``icalendar`` library: Europe/Berlin with its VTIMEZONE, the office as organiser and
the calendar's head. The events' feeds (events.ical) and a working community's meeting
feed (community.meetings) are built on it."""

from __future__ import annotations

from datetime import datetime, timedelta
from email.utils import parseaddr
from zoneinfo import ZoneInfo

from django.conf import settings
from icalendar import (
    Calendar,
    Timezone,
    TimezoneDaylight,
    TimezoneStandard,
    vCalAddress,
    vDuration,
    vText,
)

BERLIN = ZoneInfo("Europe/Berlin")
PRODUCT_ID = "-//Smart Cities knowledge platform//Start Smart//DE"
CONTENT_TYPE = "text/calendar; charset=utf-8"
# How often a subscribed calendar should fetch the feed again.
REFRESH = timedelta(hours=6)


def berlin_timezone() -> Timezone:
    """Central European Time with the EU rule for summer time (last Sunday of March and
    of October), as every calendar client expects it for TZID=Europe/Berlin. The
    library's own ``Timezone.from_tzid`` lists every change up to 2038 instead."""
    zone = Timezone()
    zone.add("tzid", "Europe/Berlin")
    zone.add("x-lic-location", "Europe/Berlin")
    for part, name, offsets, start, month in (
            (TimezoneDaylight(), "CEST", (1, 2), datetime(1970, 3, 29, 2), 3),
            (TimezoneStandard(), "CET", (2, 1), datetime(1970, 10, 25, 3), 10)):
        part.add("tzoffsetfrom", timedelta(hours=offsets[0]))
        part.add("tzoffsetto", timedelta(hours=offsets[1]))
        part.add("tzname", name)
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1SU"})
        zone.add_component(part)
    return zone


def organiser() -> vCalAddress:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address or 'noreply@localhost'}")
    organizer.params["CN"] = vText(name or "Start Smart")
    return organizer


def new_calendar(name: str = "", method: str = "PUBLISH") -> Calendar:
    """A VCALENDAR's head: product, version, method, name, refresh interval and the
    Berlin time zone that every entry's times are written in."""
    cal = Calendar()
    cal.add("prodid", PRODUCT_ID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", method)
    if name:
        cal.add("name", name)
        cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Europe/Berlin")
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", vDuration(REFRESH))
    cal.add_component(berlin_timezone())
    return cal
