"""The search contract shared by the service and its backends: what is asked
(`SearchRequest`), what comes back (`SearchResults`, `Hit`, facets, suggestions), the
facets, and the helpers that turn what a backend found into that answer.

It imports no backend and no service code, so that the backends and the service can
both import it (the service picks a backend; a backend builds the contract's answer).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy

from home.content_cache import remember
from search.sources import PUBLIC, registered_sources

MAX_QUERY_LENGTH = 200
MAX_FILTER_VALUES = 20
PAGE_SIZE = 10
MAX_PAGE_SIZE = 50
# Elasticsearch pages no deeper than this (its max_result_window); nor do we.
MAX_RESULT_WINDOW = 10_000
SORTS = ("relevance", "newest")
LANGUAGES = ("de", "en")
# Ranking shared by both backends. The reader's language comes first: its weight
# outweighs any match score, so the other language follows below. Upcoming events rank
# a little higher, more while they are near, never by more than EVENT_BOOST_NEAR (a flat
# x2 let events flood broad queries).
WEIGHT_OWN_LANGUAGE = 1000.0
EVENT_NEAR = timedelta(days=14)
EVENT_BOOST_NEAR = 1.3
EVENT_BOOST_LATER = 1.1
# Documents a source marks `rank_lower` (a solution no longer in operation) keep their
# match score times this: below an equal live one, still found by their own words.
RANK_LOWER = 0.5
# Broad queries (more hits than DIVERSE_FROM) show a mix of content types: within the
# first DIVERSITY_WINDOW hits, each hit moves down DIVERSITY_PENALTY places for every
# hit of its type already placed above it (search.service.diversified), so one type
# (upcoming events, a busy thread's posts) cannot fill the first page alone, while
# the best hit stays first and the reader's language stays above the other one. The
# window is the first page of the default size, so mixing asks for no extra hits (a
# window of 20 made every search build and highlight twice the hits).
DIVERSITY_WINDOW = PAGE_SIZE
DIVERSITY_PENALTY = 2.0
DIVERSE_FROM = 10
# Below this many documents with every word, documents with some of the words join
# them (ranked below): one unmatched word must not empty the result.
FEW = 5
# Markers the backends put around matches: characters of Unicode's private use area,
# which engines keep like any letter (C0 control characters were dropped at the end of
# a field, and the page then stripped every mark); documents never contain them
# (search.sync strips them), and escaping leaves them alone.
MARK_START, MARK_END = "\ue000", "\ue001"


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
        # Labels are content (topic and tag names): read once per change of content
        # (home.content_cache) instead of a query per source and facet on every search.
        return remember(("facet-labels", facet_name, tuple(sorted(values)), language),
                        lambda: _facet_labels(facet_name, values, language))
    return labels


def _facet_labels(facet_name: str, values: list[str], language: str) -> dict[str, str]:
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
