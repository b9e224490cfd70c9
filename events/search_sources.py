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

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from django.db.models import F, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, JSONArray, Length, Substr
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
    JSONList,
    RepositoryPageSource,
    choice_labels,
    html_text,
    listed,
    sorted_topics,
    topic_names,
    topic_rows,
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


def when_text(start: datetime, end: datetime) -> str:
    """The date and time as people read them ("3. Dezember 2026, 10:00–11:30"), in the
    active language and Berlin time."""
    start = timezone.localtime(start, BERLIN)
    end = timezone.localtime(end, BERLIN)
    if start.date() == end.date():
        return f"{date_format(start, 'DATE_FORMAT')}, {time_format(start)}–{time_format(end)}"
    return f"{date_format(start, 'DATE_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"


def json_moment(value: str) -> datetime:
    """A moment that came in a JSON aggregate: SQLite writes it as stored ("2026-06-10
    10:00:00", UTC), PostgreSQL in ISO form with its offset."""
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def display(choices: type, value: str) -> str:
    """A choice's label in the active language, as get_FOO_display() gives it."""
    return str(dict(choices.choices).get(value, value))


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
    """What events and series share: topics, host and speakers in the page's language.
    A chunk is read as plain values in one query (`values()`), with its topics, speakers
    and host; document() receives these dicts."""

    model: type[Page]
    facet_labels = EVENT_FACET_LABELS
    # Columns document() reads besides the shared ones (values() names).
    value_fields: tuple[str, ...] = ()

    def queryset(self) -> QuerySet:
        return self.model.objects.live().select_related("locale")

    def values(self, queryset: QuerySet) -> list[dict[str, Any]]:
        speakers = self.model._meta.get_field("speakers")
        # The host's title in the page's language (editors choose the German project;
        # translations keep pointing there), else the host's own.
        host_title = Coalesce(Subquery(ModelProjectPage.objects.filter(
            translation_key=OuterRef("host__translation_key"),
            locale_id=OuterRef("locale_id")).values("title")[:1]), F("host__title"))
        return list(queryset.values(
            "pk", "path", "url_path", "depth", "title", "summary", "description",
            "target_group", "format", *self.value_fields,
            language=F("locale__language_code"), topic_rows=topic_rows(self.model),
            speaker_rows=listed(speakers.remote_field.through.objects.all(),
                                f"{speakers.m2m_field_name()}_id", "contactperson__name"),
            host_title=host_title, **self.annotations()))

    def annotations(self) -> dict[str, Any]:
        """Further values() expressions of this page type."""
        return {}

    @staticmethod
    def facets(page: dict[str, Any]) -> dict[str, Any]:
        topics = sorted_topics(page["topic_rows"])
        return {
            "topics": [topic[0] for topic in topics],
            "topic_labels": [topic[1] for topic in topics],
            "event_format": page["format"],
        }

    @staticmethod
    def details(page: dict[str, Any]) -> list[str]:
        """Words people may search for, in the active language: the description, who it
        is for, the host (or the office), the speakers (in ContactPerson's order, by
        name) and the format."""
        speakers = sorted(row[0] for row in page["speaker_rows"] or [])
        return [html_text(page["description"]), page["target_group"],
                page["host_title"] or str(_("Coordination and transfer office")),
                *speakers, display(EventFormat, page["format"])]


class EventSource(ProgrammePageSource):
    name = "event"
    label = gettext_lazy("Event")
    model = EventPage
    value_fields = ("start", "end", "mode", "place", "is_cancelled", "cancellation_note",
                    "outcomes")

    def __init__(self) -> None:
        self.dependencies = {
            Topic: RepositoryPageSource.with_topic(EventPage),
            EventSeriesPage: _children_of,  # the series' title is in its sessions' text
            ModelProjectPage: lambda host: EventPage.objects.filter(host=host)
            .values_list("pk", flat=True),
            ContactPerson: lambda person: EventPage.objects.filter(
                speakers__translation_key=person.translation_key).values_list("pk", flat=True),
        }

    def annotations(self) -> dict[str, Any]:
        # The series the event belongs to, if any: the page one level up.
        parent_path = Substr(OuterRef("path"), 1, Length(OuterRef("path")) - Page.steplen)
        return {"series_title": Subquery(
            EventSeriesPage.objects.filter(path=parent_path).values("title")[:1])}

    def document(self, event: dict[str, Any]) -> dict[str, Any]:
        with override(event["language"]):
            title = (_("Cancelled: %(title)s") % {"title": event["title"]}
                     if event["is_cancelled"] else event["title"])
            facts = [when_text(event["start"], event["end"]), display(EventMode, event["mode"]),
                     event["place"]]
            body = [*self.details(event), event["series_title"] or "",
                    event["cancellation_note"], *outcome_text(event["outcomes"])]
        return {
            **self.facets(event),
            "title": title,
            "summary": " · ".join(fact for fact in facts if fact) + " – " + event["summary"],
            "body": " ".join(part for part in body if part),
            "date": event["start"],
            "event_mode": event["mode"],
            "event_month": event_month(event["start"]),
            # Ranked higher until it ends; a cancelled event is not worth the boost.
            "boost_until": None if event["is_cancelled"] else event["end"],
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

    def annotations(self) -> dict[str, Any]:
        # The live sessions (children) as [pk, title, start, end, mode, cancelled].
        sessions = (EventPage.objects.live().filter(path__startswith=OuterRef("path"),
                                                    depth=OuterRef("depth") + 1)
                    .order_by().values("depth")
                    .annotate(items=JSONList(JSONArray("pk", "title", "start", "end", "mode",
                                                       "is_cancelled")))
                    .values("items"))
        return {"session_rows": Subquery(sessions)}

    def values(self, queryset: QuerySet) -> list[dict[str, Any]]:
        """The series with their sessions in order (by start, then id): one query."""
        pages = super().values(queryset)
        for series in pages:
            sessions = [{"pk": pk, "title": title, "start": json_moment(start),
                         "end": json_moment(end), "mode": mode, "is_cancelled": bool(cancelled)}
                        for pk, title, start, end, mode, cancelled in series["session_rows"] or []]
            series["sessions"] = sorted(sessions, key=lambda session: (session["start"],
                                                                       session["pk"]))
        return pages

    def document(self, series: dict[str, Any]) -> dict[str, Any]:
        sessions = series["sessions"]
        held = [session for session in sessions if not session["is_cancelled"]]
        with override(series["language"]):
            body = [*self.details(series), *(session["title"] for session in sessions)]
        return {
            **self.facets(series),
            "title": series["title"],
            "summary": series["summary"],
            "body": " ".join(part for part in body if part),
            "date": sessions[0]["start"] if sessions else None,
            "event_mode": sorted({session["mode"] for session in held}),
            "event_month": sorted({event_month(session["start"]) for session in held}),
            "boost_until": max((session["end"] for session in held), default=None),
        }
