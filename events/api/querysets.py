"""Batch work for a page of results: what the event and series fields show, worked out
for all items at once, so a listing costs the same queries however many items it shows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from rest_framework.request import Request
from wagtail.api.rich_text import APIRichText, RichTextFormatError
from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Locale, Page

from events import outcomes
from events.api.serializers import berlin_time, in_page_language
from events.models import (
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationStatus,
)
from events.registrations.pages import own_registration
from home import site_urls
from home.content_cache import remember
from home.models import ContactPerson
from repository.models import Topic


def _translations(model: type, wanted: Iterable[tuple[Any, int]]) -> dict[tuple[Any, int], Any]:
    """Translations of snippets or pages, keyed (translation key, locale id), in one
    query."""
    wanted = set(wanted)
    if not wanted:
        return {}
    found = model.objects.filter(translation_key__in={key for key, _locale in wanted},
                                 locale_id__in={locale for _key, locale in wanted})
    return {(obj.translation_key, obj.locale_id): obj for obj in found
            if (obj.translation_key, obj.locale_id) in wanted}


def _snippet_translations(model: type, wanted: Iterable[tuple[Any, int]]
                          ) -> dict[tuple[Any, int], Any]:
    """Like :func:`_translations` for a small snippet table (topics, contact people): all
    its rows of the wanted languages, read once per change of content
    (home.content_cache) instead of once per request."""
    wanted = set(wanted)
    found: dict[tuple[Any, int], Any] = {}
    for locale_id in sorted({locale for _key, locale in wanted}):
        found.update(remember(
            ("snippet-translations", model._meta.label_lower, locale_id),
            lambda locale_id=locale_id: {(obj.translation_key, obj.locale_id): obj
                                         for obj in model.objects.filter(locale_id=locale_id)}))
    return {pair: found[pair] for pair in wanted if pair in found}


def _localized(objects: Sequence[Any], locale_id: int,
               translations: dict[tuple[Any, int], Any]) -> list[Any]:
    # Editors choose topics, speakers and hosts on the German page; translations keep
    # pointing at the German ones (see repository.models.base.in_locale).
    return [translations.get((obj.translation_key, locale_id), obj) for obj in objects]


def _details(pages: Sequence[Any], request: Request) -> None:
    """Topics, speakers and host of events or series, in each page's language."""
    topics = _snippet_translations(Topic, ((topic.translation_key, page.locale_id)
                                   for page in pages for topic in page.topics.all()
                                   if topic.locale_id != page.locale_id))
    speakers = _snippet_translations(ContactPerson, (
        (person.translation_key, page.locale_id) for page in pages
        for person in page.speakers.all() if person.locale_id != page.locale_id))
    hosts = _translations(Page, ((page.host.translation_key, page.locale_id) for page in pages
                                 if page.host_id and page.host.locale_id != page.locale_id))
    for page in pages:
        host = _localized([page.host], page.locale_id, hosts)[0] if page.host_id else None
        page.api_prepared.update(
            format_label=in_page_language(page, page.get_format_display),
            topics=[topic.api_representation() for topic in
                    _localized(list(page.topics.all()), page.locale_id, topics)],
            speakers=[{"id": person.pk, "name": person.name, "role": person.role,
                       "organisation": person.organisation}
                      for person in _localized(list(page.speakers.all()), page.locale_id,
                                               speakers)],
            # None: the coordination and transfer office hosts.
            host={"id": host.pk, "title": host.title,
                  "url": site_urls.page_url(host, request) if host.live else None}
            if host is not None else None,
        )


def availability_of(events: Sequence[EventPage]) -> dict[int, dict[str, Any]]:
    """What :func:`events.registrations.service.availability` says for each event, for all of
    them in two queries: places belong to the default language's version."""
    default = Locale.get_default()
    foreign = {event.translation_key for event in events if event.locale_id != default.pk}
    sources = {key: (pk, capacity) for key, pk, capacity in EventPage.objects.filter(
        translation_key__in=foreign, locale=default).values_list(
        "translation_key", "pk", "capacity")}
    source_of = {event.pk: (event.pk, event.capacity) if event.locale_id == default.pk
                 else sources.get(event.translation_key, (event.pk, event.capacity))
                 for event in events}
    counts: dict[tuple[int, str], int] = {
        (event_id, status): total for event_id, status, total in
        Registration.objects.filter(
            event_id__in={pk for pk, _capacity in source_of.values()},
            status__in=[RegistrationStatus.CONFIRMED, RegistrationStatus.WAITLISTED])
        .order_by().values_list("event_id", "status").annotate(total=Count("pk"))}
    found = {}
    for event in events:
        source_pk, capacity = source_of[event.pk]
        taken = counts.get((source_pk, RegistrationStatus.CONFIRMED), 0)
        found[event.pk] = {
            "capacity": capacity, "taken": taken,
            "places_left": None if capacity is None else max(capacity - taken, 0),
            "waiting": counts.get((source_pk, RegistrationStatus.WAITLISTED), 0),
        }
    return found


def _series_by_path() -> dict[str, dict[str, Any]]:
    """Every live, public series as the events show it, by its path: series are few, and
    read once per change of content (home.content_cache) instead of once per request."""
    return remember(("event-series-by-path",), lambda: {
        path: {"id": pk, "title": title} for pk, path, title in
        EventSeriesPage.objects.live().public().values_list("pk", "path", "title")})


def _parents(pages: Sequence[Page]) -> dict[str, dict[str, Any]]:
    series = _series_by_path()
    paths = {page.path[:-Page.steplen] for page in pages}
    return {path: series[path] for path in paths if path in series}


def prepare_events(events: Sequence[EventPage], request: Request, *,
                   detail: bool = False) -> None:
    """Everything the event fields show, worked out for all events at once."""
    now = timezone.now()
    for event in events:
        event.api_prepared = {}
    _details(events, request)
    places = availability_of(events)
    parents = _parents(events)
    # A detail field: the linked pages and documents cost two queries.
    results = outcomes.outcomes_of(events) if detail else {}
    try:
        rich_text_format = APIRichText.resolve_format(request.GET.get("rich_text_format"))
    except RichTextFormatError as error:
        raise BadRequestError(str(error)) from error
    for event in events:
        series = parents.get(event.path[:-Page.steplen])
        reason = in_page_language(event, lambda e=event: e.registration_closed_reason(now))
        event.api_prepared.update(
            mode_label=in_page_language(event, event.get_mode_display),
            start=berlin_time(event.start), end=berlin_time(event.end),
            registration_deadline=berlin_time(event.registration_deadline),
            capacity=places[event.pk]["capacity"],
            places_left=places[event.pk]["places_left"],
            waiting=places[event.pk]["waiting"],
            registration_open=not reason, closed_reason=reason,
            by_invitation=not event.registration_open,
            series=dict(series) if series else None,
            outcomes=[outcomes.api_representation(outcome, rich_text_format, request)
                      for outcome in results.get(event.pk, [])],
            joining_link=None,
        )
    if detail:
        for event in events:
            # The link is for confirmed participants only: not for the waiting list,
            # nor for an address that has not been confirmed.
            registration = own_registration(event, request.user)
            if registration and registration.status == RegistrationStatus.CONFIRMED:
                event.api_prepared["joining_link"] = event.joining_link or None


def prepare_series(series_pages: Sequence[EventSeriesPage], request: Request) -> None:
    for series in series_pages:
        series.api_prepared = {}
    _details(series_pages, request)
    if not series_pages:
        return
    children = Q()
    for series in series_pages:
        children |= Q(path__startswith=series.path, depth=series.depth + 1)
    sessions: dict[str, list[EventPage]] = {}
    for session in EventPage.objects.live().public().filter(children).order_by("start", "pk"):
        sessions.setdefault(session.path[:-Page.steplen], []).append(session)
    for series in series_pages:
        series.api_prepared["sessions"] = [{
            "id": session.pk, "title": session.title, "start": berlin_time(session.start),
            "end": berlin_time(session.end), "is_cancelled": session.is_cancelled,
        } for session in sessions.get(series.path, [])]


