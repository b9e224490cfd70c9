"""The search sources as they were before they built from plain values (issue 18): they
built each document from model instances. Kept as the reference that the documents
built from values are compared with, field by field (test_index_costs)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format, time_format
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from django.utils.translation import override
from wagtail.models import Page

from community.models import GroupVisibility, PeerGroupPage, Post, Thread
from events.blocks import DOCUMENT, REPOSITORY_LINK, RESULTS
from events.ical import BERLIN
from events.models import EventPage, EventSeriesPage
from home.models import StandardPage
from repository.models import FaqEntry, ModelProjectPage, SolutionPage, Topic
from repository.search_sources import html_text


def outcome_text(event: EventPage) -> list[str]:
    parts = []
    for item in list(event.outcomes.raw_data):
        if item["type"] == RESULTS:
            parts.append(html_text(item["value"] or ""))
        elif item["type"] in (DOCUMENT, REPOSITORY_LINK):
            parts.append(item["value"].get("label") or "")
    return [part for part in parts if part]


def event_month(moment: datetime) -> str:
    return timezone.localtime(moment, BERLIN).strftime("%Y-%m")


def when_text(event: EventPage) -> str:
    """The date and time as people read them ("3. Dezember 2026, 10:00–11:30"), in the
    active language and Berlin time."""
    start = timezone.localtime(event.start, BERLIN)
    end = timezone.localtime(event.end, BERLIN)
    if start.date() == end.date():
        return f"{date_format(start, 'DATE_FORMAT')}, {time_format(start)}–{time_format(end)}"
    return f"{date_format(start, 'DATE_FORMAT')} – {date_format(end, 'DATE_FORMAT')}"



class ProgrammePageSource:
    """What events and series share: topics, host and speakers in the page's language."""

    model: type[Page]

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
    model = EventPage

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
    model = EventSeriesPage

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


class StandardPageSource:
    name = "page"
    model = StandardPage

    def queryset(self) -> QuerySet:
        return StandardPage.objects.live().select_related("locale")

    def document(self, page: StandardPage) -> dict[str, Any]:
        body_field = StandardPage._meta.get_field("body")
        body = " ".join(" ".join(strip_tags(text).split())
                        for text in body_field.get_searchable_content(page.body))
        return {
            "title": page.title,
            "summary": page.intro or page.search_description,
            "body": body,
            "date": page.last_published_at or page.first_published_at,
        }


class PeerGroupSource:
    name = "peer_group"
    model = PeerGroupPage

    def queryset(self) -> QuerySet:
        return PeerGroupPage.objects.live().select_related("locale")

    def document(self, page: PeerGroupPage) -> dict[str, Any]:
        description = " ".join(strip_tags(page.description).split())
        return {
            "title": page.title,
            "summary": description[:300],
            "body": f"{page.topic} {description}",
            "date": page.last_published_at or page.first_published_at,
        }


def group_principals(group: PeerGroupPage) -> list[str]:
    """Who may find a group's discussions: everyone for a public group; otherwise the
    members, through the group's access group (the search plugin's group principal)."""
    if not group.live:
        return []
    if group.visibility == GroupVisibility.PUBLIC:
        return ["public"]
    return [f"group:{group.access_group_id}"] if group.access_group_id else []


class ThreadSource:
    name = "thread"
    model = Thread

    def queryset(self) -> QuerySet:
        return (Thread.objects.filter(group__live=True)
                .select_related("group__locale").prefetch_related(
                    Prefetch("posts", queryset=Post.objects.filter(is_hidden=False)
                             .order_by("created_at"))))

    def visible_to(self, thread: Thread) -> list[str]:
        return [] if thread.is_hidden else group_principals(thread.group)

    def url(self, thread: Thread) -> str:
        with override(thread.group.locale.language_code):
            return reverse("community:thread", args=[thread.group_id, thread.pk])

    def locale(self, thread: Thread) -> str:
        return thread.group.locale.language_code

    def document(self, thread: Thread) -> dict[str, Any]:
        posts = list(thread.posts.all())
        first = " ".join(strip_tags(posts[0].body_html).split()) if posts else ""
        return {"title": thread.title, "summary": first[:300],
                "body": f"{thread.group.title} {first}",
                "date": thread.last_activity_at}


class PostSource:
    name = "post"
    model = Post

    def queryset(self) -> QuerySet:
        return Post.objects.filter(thread__group__live=True).select_related(
            "thread__group__locale")

    def visible_to(self, post: Post) -> list[str]:
        if post.is_hidden or post.thread.is_hidden:
            return []
        return group_principals(post.thread.group)

    def url(self, post: Post) -> str:
        with override(post.thread.group.locale.language_code):
            return reverse("community:thread",
                           args=[post.thread.group_id, post.thread_id]) + f"#post-{post.pk}"

    def locale(self, post: Post) -> str:
        return post.thread.group.locale.language_code

    def document(self, post: Post) -> dict[str, Any]:
        text = " ".join(strip_tags(post.body_html).split())
        return {"title": post.thread.title, "summary": text[:300], "body": text,
                "date": post.created_at}


class FaqSource:
    """The solutions' FAQ entries (repository.questions), each found in its language and
    leading to its solution's page in that language. An entry of a solution that is not
    live and public is found by no one."""

    name = "faq"
    model = FaqEntry

    def queryset(self) -> QuerySet:
        return FaqEntry.objects.select_related("locale", "solution")

    def prepare(self, entries: list[FaqEntry]) -> None:
        """Each entry's solution page in the entry's language, public and live (one
        query per chunk)."""
        keys = {entry.solution.translation_key for entry in entries}
        pages = {(page.translation_key, page.locale_id): page for page in
                 SolutionPage.objects.live().public().filter(translation_key__in=keys)
                 .select_related("model_project__municipality")}
        for entry in entries:
            entry._solution_page = pages.get((entry.solution.translation_key, entry.locale_id))

    def solution_page(self, entry: FaqEntry) -> SolutionPage | None:
        if not hasattr(entry, "_solution_page"):
            self.prepare([entry])
        return entry._solution_page

    def visible_to(self, entry: FaqEntry) -> list[str]:
        return ["public"] if self.solution_page(entry) is not None else []

    def url(self, entry: FaqEntry) -> str:
        page = self.solution_page(entry)
        url = page.get_url() if page is not None else None
        return f"{url}#faq-{entry.translation_key}" if url else ""

    def locale(self, entry: FaqEntry) -> str:
        return entry.locale.language_code

    def document(self, entry: FaqEntry) -> dict[str, Any]:
        page = self.solution_page(entry)
        municipality = page.model_project.municipality
        return {"title": entry.question_text, "summary": entry.answer_text[:300],
                "body": f"{page.title} {entry.answer_text}",
                "federal_state": municipality.federal_state,
                "size_class": municipality.size_class, "date": entry.created_at}
