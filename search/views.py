"""The search page: server-rendered, the whole state in the URL, usable without
JavaScript (type-ahead is an addition on top)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from search import service
from search.service import SearchInputError, SearchRequest, SearchUnavailable

POPULAR_TOPICS = 8


def search_page(request: HttpRequest) -> HttpResponse:
    language = (get_language() or "de")[:2]
    context: dict[str, Any] = {"query": " ".join(request.GET.get("q", "").split())[:200],
                               "sorts": [("relevance", _("Relevance")), ("newest", _("Newest"))]}
    try:
        search_request = service.parse_request(
            {key: request.GET.getlist(key) for key in request.GET if key != "locale"},
            user=request.user, language=language)
        results = service.search(search_request)
    except SearchInputError as error:
        context["error"] = str(error)
        return render(request, "search/search_page.html", context, status=400)
    except SearchUnavailable:
        context["unavailable"] = True
        return render(request, "search/search_page.html", context, status=503)
    context.update(
        results=results, search=search_request,
        chips=active_filter_chips(search_request, results),
        pagination=pagination(search_request, results),
        sort=search_request.sort,
    )
    if not results.total:
        context["popular_topics"] = popular_topics(search_request)
    return render(request, "search/search_page.html", context)


def query_string(search: SearchRequest, **changes: Any) -> str:
    params: list[tuple[str, str]] = []
    query = changes.get("q", search.query)
    if query:
        params.append(("q", query))
    filters = changes.get("filters", search.filters)
    for name, values in filters.items():
        params += [(name, value) for value in values]
    sort = changes.get("sort", search.sort)
    if sort != "relevance":
        params.append(("sort", sort))
    page = changes.get("page", 1)
    if page > 1:
        params.append(("page", str(page)))
    return "?" + urlencode(params) if params else "?"


def active_filter_chips(search: SearchRequest, results: service.SearchResults) -> list[dict]:
    labels = {(facet.name, value.value): (facet.label, value.label)
              for facet in results.facets for value in facet.values}
    chips = []
    for name, values in search.filters.items():
        for value in values:
            facet_label, value_label = labels.get(
                (name, value), (str(service.FACETS_BY_NAME[name].label), value))
            remaining = {key: tuple(v for v in vals if not (key == name and v == value))
                         for key, vals in search.filters.items()}
            chips.append({"facet": facet_label, "label": value_label,
                          "remove_url": query_string(search, filters={
                              key: vals for key, vals in remaining.items() if vals})})
    return chips


def pagination(search: SearchRequest, results: service.SearchResults) -> dict[str, Any]:
    page, pages = search.page, results.pages
    return {
        "page": page, "pages": pages,
        "previous": query_string(search, page=min(page - 1, pages)) if page > 1 else "",
        "next": query_string(search, page=page + 1) if page < pages else "",
    }


def popular_topics(search: SearchRequest) -> list[service.FacetValue]:
    overview = service.search(SearchRequest(language=search.language,
                                            principals=search.principals,
                                            facets=("topic",), page_size=1))
    values = next((facet.values for facet in overview.facets if facet.name == "topic"), [])
    return values[:POPULAR_TOPICS]
