"""What the Start Smart programme contributes to the search index: events and series.

Duck-typed contract, see `search/sources.py` (this module imports nothing from
`search`). Besides text and topics, each document carries

- the facets ``event_format``, ``event_mode`` and ``event_month`` ("2026-12", the month
  of the start in Berlin time; a series has the months and modes of its sessions);
- ``boost_until``: the moment until which the document is ranked higher. The search
  service compares it with the time of the query, so an event drops back among the
  past ones the moment it ends, without a re-index. A cancelled event has none;
- in its body, besides the description, the outcomes' results and the texts of their
  documents and links (events.outcomes);
- for a cancelled event, a title that says so in the page's language ("Abgesagt: …"),
  so that the hit, the type-ahead and the event's page all tell the same.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, override
from wagtail.models import Page

from events.ical import BERLIN
from events.listing import month_label
from events.models import EventFormat, EventMode, EventPage, EventSeriesPage
from events.outcomes import outcome_text
from home.models import ContactPerson
from repository.models import ModelProjectPage, Topic
from repository.search_sources import (
    RepositoryPageSource,
    choice_labels,
    html_text,
    topic_names,
)


def event_month(moment: datetime) -> str:
    return timezone.localtime(moment, BERLIN).strftime("%Y-%m")


def month_labels(values: list[str], language: str) -> dict[str, str]:
    labels = {}
    with override(language):
        for value in values:
            year, _dash, month = value.partition("-")
            if len(value) == 7 and year.isdigit() and month.isdigit() and 1 <= int(month) <= 12:
                labels[value] = month_label(value)
    return labels


def when_text(event: EventPage) -> str:
    """The date and time as people read them ("3. Dezember 2026, 10:00–11:30"), in the
    active language and Berlin time."""
    start = timezone.localtime(event.start, BERLIN)
    end = timezone.localtime(event.end, BERLIN)
    if start.date() == end.date():
        return f"{date_format(start, 'DATE_FORMAT')}, {time_format(start)}–{time_format(end)}"
    return f"{date_format(start, 'DATE_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"


EVENT_FACET_LABELS = {
    "event_format": choice_labels(EventFormat),
    "event_mode": choice_labels(EventMode),
    "event_month": month_labels,
    "topic": topic_names,
}


def _children_of(parent: Page) -> Iterable[int]:
    return EventPage.objects.filter(path__startswith=parent.path,
                                    depth=parent.depth + 1).values_list("pk", flat=True)


def _parent_series(event: Page) -> Iterable[int]:
    return EventSeriesPage.objects.filter(path=event.path[:-Page.steplen]).values_list(
        "pk", flat=True)


class ProgrammePageSource:
    """What events and series share: topics, host and speakers in the page's language."""

    model: type[Page]
    facet_labels = EVENT_FACET_LABELS

    def queryset(self) -> QuerySet:
        return (self.model.objects.live().select_related("locale", "host")
                .prefetch_related("topics", "speakers"))

    def prepare(self, pages: Sequence[Any]) -> None:
        """Names of topics and hosts in each page's language, in two queries a chunk
        (editors choose them on the German page; translations keep pointing there)."""
        topic_keys = {topic.translation_key for page in pages for topic in page.topics.all()}
        topic_names_by = {(key, locale): name for key, locale, name in Topic.objects.filter(
            translation_key__in=topic_keys).values_list("translation_key", "locale_id", "name")}
        host_keys = {page.host.translation_key for page in pages if page.host_id}
        host_titles = {(key, locale): title for key, locale, title in
                       ModelProjectPage.objects.filter(translation_key__in=host_keys)
                       .values_list("translation_key", "locale_id", "title")}
        for page in pages:
            page.search_topic_labels = [
                topic_names_by.get((topic.translation_key, page.locale_id), topic.name)
                for topic in page.topics.all()]
            page.search_host = (host_titles.get((page.host.translation_key, page.locale_id),
                                                page.host.title) if page.host_id else "")

    @staticmethod
    def facets(page: Any) -> dict[str, Any]:
        return {
            "topics": [topic.slug for topic in page.topics.all()],
            "topic_labels": page.search_topic_labels,
            "event_format": page.format,
        }

    @staticmethod
    def details(page: Any) -> list[str]:
        """Words people may search for, in the active language: the description, who it
        is for, the host (or the office), the speakers and the format."""
        return [html_text(page.description), page.target_group,
                page.search_host or str(_("Coordination and transfer office")),
                *(person.name for person in page.speakers.all()),
                str(page.get_format_display())]


class EventSource(ProgrammePageSource):
    name = "event"
    label = gettext_lazy("Event")
    model = EventPage

    def __init__(self) -> None:
        self.dependencies = {
            Topic: RepositoryPageSource.with_topic(EventPage),
            EventSeriesPage: _children_of,  # the series' title is in its sessions' text
            ModelProjectPage: lambda host: EventPage.objects.filter(host=host)
            .values_list("pk", flat=True),
            ContactPerson: lambda person: EventPage.objects.filter(
                speakers__translation_key=person.translation_key).values_list("pk", flat=True),
        }

    def prepare(self, pages: Sequence[Any]) -> None:
        super().prepare(pages)
        series = {page.path: page.title for page in EventSeriesPage.objects.filter(
            path__in={event.path[:-Page.steplen] for event in pages})}
        for event in pages:
            event.search_series = series.get(event.path[:-Page.steplen], "")

    def document(self, event: EventPage) -> dict[str, Any]:
        with override(event.locale.language_code):
            title = (_("Cancelled: %(title)s") % {"title": event.title}
                     if event.is_cancelled else event.title)
            facts = [when_text(event), str(event.get_mode_display()), event.place]
            body = [*self.details(event), event.search_series, event.cancellation_note,
                    *outcome_text(event)]
        return {
            **self.facets(event),
            "title": title,
            "summary": " · ".join(fact for fact in facts if fact) + " – " + event.summary,
            "body": " ".join(part for part in body if part),
            "date": event.start,
            "event_mode": event.mode,
            "event_month": event_month(event.start),
            # Ranked higher until it ends; a cancelled event is not worth the boost.
            "boost_until": None if event.is_cancelled else event.end,
        }


class EventSeriesSource(ProgrammePageSource):
    name = "event_series"
    label = gettext_lazy("Event series")
    model = EventSeriesPage

    def __init__(self) -> None:
        self.dependencies = {
            Topic: RepositoryPageSource.with_topic(EventSeriesPage),
            # A session published, moved or cancelled changes the series' dates.
            EventPage: _parent_series,
            ModelProjectPage: lambda host: EventSeriesPage.objects.filter(host=host)
            .values_list("pk", flat=True),
        }

    def prepare(self, pages: Sequence[Any]) -> None:
        super().prepare(pages)
        for series in pages:
            series.search_sessions = []
        if not pages:
            return
        by_path = {series.path: series for series in pages}
        children = Q()
        for series in pages:
            children |= Q(path__startswith=series.path, depth=series.depth + 1)
        sessions = (EventPage.objects.live().filter(children).order_by("start", "pk")
                    .only("path", "title", "start", "end", "mode", "is_cancelled"))
        for session in sessions:
            parent = by_path.get(session.path[:-Page.steplen])
            if parent is not None:
                parent.search_sessions.append(session)

    def document(self, series: EventSeriesPage) -> dict[str, Any]:
        sessions = series.search_sessions
        held = [session for session in sessions if not session.is_cancelled]
        with override(series.locale.language_code):
            body = [*self.details(series), *(session.title for session in sessions)]
        return {
            **self.facets(series),
            "title": series.title,
            "summary": series.summary,
            "body": " ".join(part for part in body if part),
            "date": sessions[0].start if sessions else None,
            "event_mode": sorted({session.mode for session in held}),
            "event_month": sorted({event_month(session.start) for session in held}),
            "boost_until": max((session.end for session in held), default=None),
        }
