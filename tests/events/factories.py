"""Events in a bilingual calendar, published as an editor would publish them."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.utils import timezone
from wagtail.models import Page

from events.models import EventFormat, EventIndexPage, EventMode, EventPage, EventSeriesPage
from tests.home.factories import publish, translate


def event_calendar(site: Any) -> EventIndexPage:
    index = site.root_page.add_child(instance=EventIndexPage(
        title="Veranstaltungen", slug="veranstaltungen", locale_id=site.root_page.locale_id,
        intro="Das Start-Smart-Programm"))
    publish(index)
    translate(index, "en", title="Events", slug="events")
    return EventIndexPage.objects.get(pk=index.pk)


def in_days(days: float, hour: int = 10) -> datetime:
    """At `hour` o'clock on the day `days` from now: a calendar date, not a distance (at
    23:30, `in_days(0.5)` is tomorrow 10:00; at 11:00 it is today 10:00, already past)."""
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def in_hours(hours: float) -> datetime:
    """Exactly `hours` from now, to the minute: for windows measured in hours (reminders
    a day ahead, deadlines) that must hold at any time of day."""
    return (timezone.now() + timedelta(hours=hours)).replace(second=0, microsecond=0)


def make_event(parent: Page, *, title: str = "Kick-off-Workshop", start: datetime | None = None,
               hours: float = 1.5, **fields: Any) -> EventPage:
    start = start or in_days(14)
    values = {
        "format": EventFormat.KICKOFF, "summary": f"Worum es geht: {title}",
        "mode": EventMode.VIRTUAL, "joining_link": "https://konferenz.example/raum-42",
        "end": start + timedelta(hours=hours), **fields,
    }
    event = parent.add_child(instance=EventPage(
        title=title, slug=fields.pop("slug", None) or _slug(title, start), start=start,
        locale_id=parent.locale_id, **values))
    publish(event)
    return EventPage.objects.get(pk=event.pk)


def make_series(parent: Page, *, title: str = "Peer-Learning Mobilität", sessions: int = 6,
                capacity: int | None = 20, first_in_days: float = 10,
                slug: str = "peer-learning-mobilitaet") -> EventSeriesPage:
    series = parent.add_child(instance=EventSeriesPage(
        title=title, slug=slug, format=EventFormat.PEER_LEARNING,
        summary="Sechs Sitzungen zu nachhaltiger Mobilität", locale_id=parent.locale_id))
    publish(series)
    series = EventSeriesPage.objects.get(pk=series.pk)
    for number in range(1, sessions + 1):
        make_event(series, title=f"Sitzung {number}", format=EventFormat.PEER_LEARNING,
                   start=in_days(first_in_days + 14 * (number - 1), hour=14), hours=2,
                   capacity=capacity)
    return series


def _slug(title: str, start: datetime) -> str:
    from django.utils.text import slugify

    return f"{slugify(title)}-{start:%Y%m%d%H%M}"
