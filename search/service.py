"""The search service: one contract, two backends.

`SearchRequest` says what is asked (text, filters, facets, language, who asks, page,
sort); `SearchResults` is the answer (hits with highlighted snippets, total, facet
counts, a "did you mean" suggestion, timings); both live in `search.contract`, which
the backends build on. Elasticsearch answers when configured; the database answers
otherwise, and in place of an engine that does not answer when SEARCH_FALLBACK is
"database".
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from search.backends.database import DatabaseSearchBackend
from search.backends.elasticsearch import ElasticsearchSearchBackend, EngineUnavailable
from search.client import search_engine_answers_queries
from search.contract import (
    DIVERSE_FROM,
    DIVERSITY_PENALTY,
    DIVERSITY_WINDOW,
    FACETS,
    FACETS_BY_NAME,
    LANGUAGES,
    MAX_FILTER_VALUES,
    MAX_PAGE_SIZE,
    MAX_QUERY_LENGTH,
    MAX_RESULT_WINDOW,
    PAGE_SIZE,
    SORTS,
    Facet,
    FacetValue,
    Hit,
    SearchRequest,
    SearchResults,
    Suggestion,
)
from search.sources import MEMBERS, PUBLIC, group_principal, registered_sources

# What callers (views, API, tests) take from here, besides the entry points.
__all__ = ["FACETS", "FACETS_BY_NAME", "LANGUAGES", "MAX_FILTER_VALUES", "MAX_PAGE_SIZE",
           "MAX_QUERY_LENGTH", "SORTS", "FacetValue", "Hit", "SearchInputError",
           "SearchRequest", "SearchResults", "SearchUnavailable", "Suggestion",
           "parse_request", "principals_for", "search", "similar", "suggest"]

logger = logging.getLogger(__name__)
KNOWN_PARAMETERS = {"q", "locale", "sort", "page", "page_size", "format", "facets"}

class SearchInputError(ValueError):
    """A request the service cannot answer as asked; the message is for people."""


class SearchUnavailable(RuntimeError):
    """The engine does not answer and the configuration says not to fall back."""



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
    # isdigit() also passes "²" and "٣", which int() refuses or reads; and int() refuses
    # more than 4,300 digits. Only ASCII digits count, and a long number is the maximum.
    digits = raw.lstrip("0")
    if not (raw.isascii() and raw.isdigit()) or not digits:
        raise SearchInputError(_("“%(name)s” must be a whole number of 1 or more.")
                               % {"name": name})
    return maximum if len(digits) > len(str(maximum)) else min(int(digits), maximum)



def parameter_reader(params: Mapping[str, Any]) -> Callable[[str], list[str]]:
    """Every value of a parameter, from a QueryDict or a dict of lists (or of values)."""
    def values(name: str) -> list[str]:
        if hasattr(params, "getlist"):
            return params.getlist(name)
        raw = params.get(name, [])
        return list(raw) if isinstance(raw, (list, tuple)) else [raw]
    return values


def parse_choice(raw: str | None, default: str, allowed: Sequence[str], message: str) -> str:
    value = raw or default
    if value not in allowed:
        raise SearchInputError(message % {"value": value[:20], "allowed": ", ".join(allowed)})
    return value


def parse_request(params: Mapping[str, Any], *, user: Any, language: str,
                  facets: Sequence[str] | None = None,
                  page_size: int | None = None) -> SearchRequest:
    """A SearchRequest from query parameters (a QueryDict or a dict of lists), or a
    SearchInputError that says what is wrong and what is allowed."""
    values = parameter_reader(params)

    def first(name: str) -> str | None:
        return (values(name) or [None])[0]

    query = " ".join((first("q") or "").split())
    if len(query) > MAX_QUERY_LENGTH:
        raise SearchInputError(_("The search text is too long: at most %(max)s characters.")
                               % {"max": MAX_QUERY_LENGTH})
    language = parse_choice(first("locale"), language, LANGUAGES,
                            _("Unknown language “%(value)s”; use one of: %(allowed)s."))
    sort = parse_choice(first("sort"), "relevance", SORTS,
                        _("Unknown sort order “%(value)s”; use one of: %(allowed)s."))
    page = parse_positive(first("page"), "page", 1, 10**9)
    size = page_size or parse_positive(first("page_size"), "page_size", PAGE_SIZE,
                                       MAX_PAGE_SIZE)
    default_facets = tuple(facets) if facets is not None else tuple(f.name for f in FACETS)
    return SearchRequest(query=query, filters=parse_filters(params, values),
                         facets=parse_facets(first("facets"), default_facets),
                         language=language, principals=principals_for(user), page=page,
                         page_size=size, sort=sort)


def parse_filters(params: Mapping[str, Any], values: Callable[[str], list[str]]
                  ) -> dict[str, tuple[str, ...]]:
    filters: dict[str, tuple[str, ...]] = {}
    for name in (params.keys() if hasattr(params, "keys") else []):
        if name in KNOWN_PARAMETERS:
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
    return filters


def parse_facets(asked: str | None, default: tuple[str, ...]) -> tuple[str, ...]:
    """The facets to count: those asked for (comma-separated names), else the default."""
    if not asked:
        return default
    wanted = tuple(dict.fromkeys(name.strip() for name in asked.split(",") if name.strip()))
    unknown = [name for name in wanted if name not in FACETS_BY_NAME]
    if unknown:
        raise SearchInputError(
            _("Unknown facet “%(name)s”; the facets are: %(allowed)s.")
            % {"name": unknown[0][:40], "allowed": ", ".join(FACETS_BY_NAME)})
    return wanted


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


# --- entry points -------------------------------------------------------------------------

def backend_for(name: str | None = None) -> DatabaseSearchBackend | ElasticsearchSearchBackend:
    if name == "database" or (name is None and not search_engine_answers_queries()):
        return DatabaseSearchBackend()
    return ElasticsearchSearchBackend()


def with_fallback(operation: Callable[[Any], Any]) -> Any:
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
    elif request.query and request.effective_sort == "relevance" and (
            request.offset < DIVERSITY_WINDOW):
        results = diverse_search(request)
    else:
        results = with_fallback(lambda backend: backend.search(request))
    results.took_ms = (time.perf_counter() - started) * 1000
    return results


def diverse_search(request: SearchRequest) -> SearchResults:
    """A page within the first DIVERSITY_WINDOW hits: the backend's ranking from the
    top, mixed across content types when the query is broad, then the page cut out.
    The window is the same for every page, so pages neither repeat nor skip a hit."""
    end = request.offset + request.page_size
    window = replace(request, page=1, page_size=max(DIVERSITY_WINDOW, end))
    results = with_fallback(lambda backend: backend.search(window))
    if results.total > DIVERSE_FROM:
        results.hits[:DIVERSITY_WINDOW] = diversified(results.hits[:DIVERSITY_WINDOW],
                                                      request.language)
    results.request, results.hits = request, results.hits[request.offset:end]
    return results


def diversified(hits: list[Hit], language: str) -> list[Hit]:
    """The hits reordered so that content types mix: each hit competes with its place
    in the ranking plus DIVERSITY_PENALTY for every hit of its type already chosen; the
    reader's language first, as the backends rank it. Ties keep the ranking's order."""
    chosen: list[Hit] = []
    for group in ([hit for hit in hits if hit.language == language],
                  [hit for hit in hits if hit.language != language]):
        placed: dict[str, int] = {}
        remaining = list(enumerate(group))
        while remaining:
            best = min(remaining, key=lambda item: (
                item[0] + DIVERSITY_PENALTY * placed.get(item[1].source, 0), item[0]))
            remaining.remove(best)
            placed[best[1].source] = placed.get(best[1].source, 0) + 1
            chosen.append(best[1])
    return chosen


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
