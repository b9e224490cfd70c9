"""The search service: one contract, two backends.

`SearchRequest` says what is asked (text, filters, facets, language, who asks, page,
sort); `SearchResults` is the answer (hits with highlighted snippets, total, facet
counts, a "did you mean" suggestion, timings). Elasticsearch answers when configured;
the database answers otherwise, and in place of an engine that does not answer when
SEARCH_FALLBACK is "database".
"""

from __future__ import annotations

import logging
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from django.conf import settings
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from search.client import search_engine_answers_queries
from search.sources import MEMBERS, PUBLIC, group_principal, registered_sources

logger = logging.getLogger(__name__)

MAX_QUERY_LENGTH = 200
MAX_FILTER_VALUES = 20
PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
# Elasticsearch pages no deeper than this (its max_result_window); nor do we.
MAX_RESULT_WINDOW = 10_000
SORTS = ("relevance", "newest")
LANGUAGES = ("de", "en")
# How much higher a document ranks while its `boost_until` lies ahead (an upcoming
# event): a factor on the relevance, so a much better match still comes first.
BOOST_FACTOR = 2.0
# Markers the backends put around matches; escaped text never contains them.
MARK_START, MARK_END = "\x02", "\x03"


@dataclass(frozen=True)
class Facet:
    name: str  # in URLs and the API
    field: str  # in the document
    label: Any
    numeric: bool = False
    # Values listed in their own order (months: "2026-11" before "2026-12"), not by count.
    chronological: bool = False


FACETS = (
    Facet("type", "source", gettext_lazy("Content type")),
    Facet("topic", "topics", gettext_lazy("Topic")),
    Facet("tag", "tags", gettext_lazy("Tag")),
    Facet("federal_state", "federal_state", gettext_lazy("Federal state")),
    Facet("size_class", "size_class", gettext_lazy("Size class")),
    Facet("funding_phase", "funding_phase", gettext_lazy("Funding phase")),
    Facet("maturity", "maturity", gettext_lazy("Maturity")),
    Facet("year", "year", gettext_lazy("Year"), numeric=True),
    Facet("language", "locale", gettext_lazy("Language")),
    Facet("event_format", "event_format", gettext_lazy("Event format")),
    Facet("event_mode", "event_mode", gettext_lazy("Event mode")),
    Facet("event_month", "event_month", gettext_lazy("Event month"), chronological=True),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}
LANGUAGE_LABELS = {"de": gettext_lazy("German"), "en": gettext_lazy("English")}


class SearchInputError(ValueError):
    """A request the service cannot answer as asked; the message is for people."""


class SearchUnavailable(RuntimeError):
    """The engine does not answer and the configuration says not to fall back."""


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    filters: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    facets: tuple[str, ...] = tuple(facet.name for facet in FACETS)
    language: str = "de"
    principals: tuple[str, ...] = (PUBLIC,)
    page: int = 1
    page_size: int = PAGE_SIZE
    sort: str = "relevance"

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    @property
    def effective_sort(self) -> str:
        return self.sort if self.query else "newest"


@dataclass
class Hit:
    key: str
    source: str
    source_label: str
    title: SafeString
    url: str
    language: str
    snippet: SafeString
    date: datetime | None = None
    topics: list[tuple[str, str]] = field(default_factory=list)
    score: float | None = None


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class FacetResult:
    name: str
    label: str
    values: list[FacetValue]


@dataclass
class SearchResults:
    request: SearchRequest
    hits: list[Hit]
    total: int
    facets: list[FacetResult]
    suggestion: str = ""
    took_ms: float = 0.0
    engine_ms: float = 0.0
    backend: str = ""

    @property
    def pages(self) -> int:
        reachable = min(self.total, MAX_RESULT_WINDOW)
        return max(1, math.ceil(reachable / self.request.page_size))


@dataclass
class Suggestion:
    title: str
    url: str
    source: str
    source_label: str


# --- building a request from user input ------------------------------------------------

def principals_for(user: Any) -> tuple[str, ...]:
    """Whom a user counts as: everyone; members when logged in; their groups; and what
    plugins add (a source's optional ``principals(user)``, e.g. peer-group membership)."""
    principals = [PUBLIC]
    if user is not None and user.is_authenticated:
        principals.append(MEMBERS)
        principals += [group_principal(pk) for pk in user.groups.values_list("pk", flat=True)]
        for source in registered_sources():
            extra = getattr(source.source, "principals", None)
            if extra is not None:
                principals += list(extra(user))
    return tuple(dict.fromkeys(principals))


def parse_positive(raw: str | None, name: str, default: int, maximum: int) -> int:
    if raw in (None, ""):
        return default
    if not raw.isdigit() or int(raw) < 1:
        raise SearchInputError(_("“%(name)s” must be a whole number of 1 or more.")
                               % {"name": name})
    return min(int(raw), maximum)


def parse_request(params: Mapping[str, Any], *, user: Any, language: str,
                  facets: Sequence[str] | None = None,
                  page_size: int | None = None) -> SearchRequest:
    """A SearchRequest from query parameters (a QueryDict or a dict of lists), or a
    SearchInputError that says what is wrong and what is allowed."""
    def values(name: str) -> list[str]:
        if hasattr(params, "getlist"):
            return params.getlist(name)
        raw = params.get(name, [])
        return list(raw) if isinstance(raw, (list, tuple)) else [raw]

    query = " ".join((values("q") or [""])[0].split())
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchInputError(_("The search text is too long: at most %(max)s characters.")
                               % {"max": MAX_QUERY_LENGTH})
    language = (values("locale") or [language])[0] or language
    if language not in LANGUAGES:
        raise SearchInputError(_("Unknown language “%(value)s”; use one of: %(allowed)s.")
                               % {"value": language[:20], "allowed": ", ".join(LANGUAGES)})
    sort = (values("sort") or ["relevance"])[0] or "relevance"
    if sort not in SORTS:
        raise SearchInputError(_("Unknown sort order “%(value)s”; use one of: %(allowed)s.")
                               % {"value": sort[:20], "allowed": ", ".join(SORTS)})
    page = parse_positive((values("page") or [None])[0], "page", 1, 10**9)
    size = page_size or parse_positive((values("page_size") or [None])[0], "page_size",
                                       PAGE_SIZE, MAX_PAGE_SIZE)
    filters: dict[str, tuple[str, ...]] = {}
    known_params = {"q", "locale", "sort", "page", "page_size", "format", "facets"}
    for name in (params.keys() if hasattr(params, "keys") else []):
        if name in known_params:
            continue
        if name not in FACETS_BY_NAME:
            raise SearchInputError(
                _("Unknown filter “%(name)s”; the filters are: %(allowed)s.")
                % {"name": name[:40], "allowed": ", ".join(FACETS_BY_NAME)})
        chosen = tuple(dict.fromkeys(value.strip() for value in values(name) if value.strip()))
        if len(chosen) > MAX_FILTER_VALUES:
            raise SearchInputError(_("Too many values for “%(name)s”: at most %(max)s.")
                                   % {"name": name, "max": MAX_FILTER_VALUES})
        check_values(FACETS_BY_NAME[name], chosen)
        if chosen:
            filters[name] = chosen
    wanted = tuple(facets) if facets is not None else tuple(facet.name for facet in FACETS)
    asked = (values("facets") or [""])[0]
    if asked:
        wanted = tuple(dict.fromkeys(name.strip() for name in asked.split(",") if name.strip()))
        unknown = [name for name in wanted if name not in FACETS_BY_NAME]
        if unknown:
            raise SearchInputError(
                _("Unknown facet “%(name)s”; the facets are: %(allowed)s.")
                % {"name": unknown[0][:40], "allowed": ", ".join(FACETS_BY_NAME)})
    return SearchRequest(query=query, filters=filters, facets=wanted, language=language,
                         principals=principals_for(user), page=page, page_size=size, sort=sort)


def check_values(facet: Facet, chosen: tuple[str, ...]) -> None:
    allowed: Sequence[str] | None = None
    if facet.name == "type":
        allowed = [source.name for source in registered_sources()]
    elif facet.name == "language":
        allowed = list(LANGUAGES)
    for value in chosen:
        if (facet.numeric and not value.isdigit()) or len(value) > 100 or (
                allowed is not None and value not in allowed):
            hint = ", ".join(allowed) if allowed is not None else _("a year such as 2024")
            raise SearchInputError(
                _("“%(value)s” is not a value of the filter “%(name)s”; allowed: %(allowed)s.")
                % {"value": value[:40], "name": facet.name, "allowed": hint})


# --- shared result helpers --------------------------------------------------------------

def marked_html(text: str) -> SafeString:
    """Escape text and turn the backends' match markers into <mark> elements. Documents
    never contain the markers (they are stripped when documents are built), so a pair
    that does not balance can only be a cut-off fragment: then no marks at all."""
    escaped = escape(text)
    if escaped.count(MARK_START) != escaped.count(MARK_END):
        return mark_safe(escaped.replace(MARK_START, "").replace(MARK_END, ""))
    return mark_safe(
        escaped.replace(MARK_START, "<mark>").replace(MARK_END, "</mark>"))


def source_labels() -> dict[str, str]:
    return {source.name: source.label for source in registered_sources()}


def facet_labeller(language: str) -> Callable[[str, list[str]], dict[str, str]]:
    def labels(facet_name: str, values: list[str]) -> dict[str, str]:
        if facet_name == "type":
            return source_labels()
        if facet_name == "language":
            return {code: str(label) for code, label in LANGUAGE_LABELS.items()}
        field_name = FACETS_BY_NAME[facet_name].field
        found: dict[str, str] = {}
        for source in registered_sources():
            provider = source.facet_labels().get(facet_name) or source.facet_labels().get(
                field_name)
            if provider is not None:
                missing = [value for value in values if value not in found]
                if missing:
                    found.update(provider(missing, language))
        return found
    return labels


def facet_results(request: SearchRequest, counts: dict[str, list[tuple[str, int]]]
                  ) -> list[FacetResult]:
    """Facet counts in the request's language, selected values always listed."""
    labels = facet_labeller(request.language)
    results = []
    for name in request.facets:
        facet = FACETS_BY_NAME[name]
        pairs = dict(counts.get(name, []))
        for value in request.filters.get(name, ()):
            pairs.setdefault(value, 0)
        if not pairs:
            continue
        names = labels(name, list(pairs))
        values = [FacetValue(value=value, label=names.get(value, value), count=count,
                             selected=value in request.filters.get(name, ()))
                  for value, count in pairs.items()]
        if facet.numeric:
            values.sort(key=lambda item: item.value, reverse=True)
        elif facet.chronological:
            values.sort(key=lambda item: item.value)
        else:
            values.sort(key=lambda item: (-item.count, item.label.lower()))
        results.append(FacetResult(name=name, label=str(facet.label), values=values))
    return results


# --- entry points -------------------------------------------------------------------------

def backend_for(name: str | None = None):
    from search.backends.database import DatabaseSearchBackend
    from search.backends.elasticsearch import ElasticsearchSearchBackend

    if name == "database" or (name is None and not search_engine_answers_queries()):
        return DatabaseSearchBackend()
    return ElasticsearchSearchBackend()


def with_fallback(operation: Callable[[Any], Any]) -> Any:
    from search.backends.elasticsearch import EngineUnavailable

    backend = backend_for()
    try:
        return operation(backend)
    except EngineUnavailable:
        if settings.SEARCH_FALLBACK != "database":
            raise SearchUnavailable from None
        # The breaker (search/breaker.py) warns once when the engine stops answering.
        logger.debug("Search: the engine does not answer; answering from the database")
        return operation(backend_for("database"))


def search(request: SearchRequest) -> SearchResults:
    started = time.perf_counter()
    if request.offset >= MAX_RESULT_WINDOW:
        # Past what any backend pages into: counts and facets, but no hits.
        results = with_fallback(lambda backend: backend.search(replace(request, page=1)))
        results.request, results.hits = request, []
    else:
        results = with_fallback(lambda backend: backend.search(request))
    results.took_ms = (time.perf_counter() - started) * 1000
    return results


def suggest(prefix: str, *, language: str, principals: tuple[str, ...],
            limit: int = 8) -> list[Suggestion]:
    prefix = " ".join(prefix.split())[:MAX_QUERY_LENGTH]
    if len(prefix) < 2:
        return []
    return with_fallback(lambda backend: backend.suggest(prefix, language=language,
                                                         principals=principals, limit=limit))


def similar(key: str, *, principals: tuple[str, ...], sources: tuple[str, ...],
            language: str, limit: int = 4) -> list[Hit]:
    return with_fallback(lambda backend: backend.similar(
        key, principals=principals, sources=sources, language=language, limit=limit))
