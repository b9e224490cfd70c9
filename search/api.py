"""/api/v2/search/: the search page's parameters and answer as JSON, and type-ahead at
/api/v2/search/suggest/. Both are described in /api/v2/schema/ (search/api_schema.py)."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from search import service
from search.api_schema import MAX_PAGE, search_schema, suggest_schema
from search.models import SearchDocument
from search.service import SearchInputError, SearchUnavailable


def serialize_results(results: service.SearchResults) -> dict[str, Any]:
    request = results.request
    return {
        "meta": {
            "total_count": results.total,
            "page": request.page,
            "pages": results.pages,
            "page_size": request.page_size,
            "sort": request.effective_sort,
            "locale": request.language,
            "suggestion": results.suggestion,
            "took_ms": round(results.took_ms, 1),
            "engine_ms": round(results.engine_ms, 1),
            "backend": results.backend,
        },
        "items": [{
            "key": hit.key,
            "type": hit.source,
            "type_label": hit.source_label,
            "title": hit.title.replace("<mark>", "").replace("</mark>", ""),
            "title_html": str(hit.title),
            "snippet_html": str(hit.snippet),
            "url": hit.url,
            "locale": hit.language,
            "date": hit.date.isoformat() if hasattr(hit.date, "isoformat") else hit.date,
            "topics": [{"slug": slug, "name": name} for slug, name in hit.topics],
        } for hit in results.hits],
        "facets": [{
            "name": facet.name,
            "label": facet.label,
            "values": [{"value": value.value, "label": value.label, "count": value.count,
                        "selected": value.selected} for value in facet.values],
        } for facet in results.facets],
    }


def _whole(raw: str) -> bool:
    # str.isdigit() alone also takes "²", which int() then refuses.
    return raw.isascii() and raw.isdigit()


def number_problem(request: Request) -> str | None:
    """What is wrong with the numbers among the parameters, as the schema states them:
    ``page`` and ``page_size`` within their range, numeric facets in digits."""
    for name, largest in (("page", MAX_PAGE), ("page_size", service.MAX_PAGE_SIZE)):
        raw = request.GET.get(name)
        # int() refuses more than 4,300 digits: a number longer than the largest is out
        # of range before it is read.
        if raw and not (_whole(raw) and len(raw.lstrip("0")) <= len(str(largest))
                        and 1 <= int(raw) <= largest):
            return _("“%(name)s” must be a whole number from 1 to %(max)s.") % {
                "name": name, "max": largest}
    for facet in service.FACETS:
        if facet.numeric and not all(_whole(value.strip()) for value in
                                     request.GET.getlist(facet.name) if value.strip()):
            return _("“%(name)s” must be a whole number of 1 or more.") % {"name": facet.name}
    return None


class SearchAPIViewSet(BaseAPIViewSet):
    model = SearchDocument
    name = "search"

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("suggest/", cls.as_view({"get": "suggest_view"}), name="suggest"),
        ]

    @staticmethod
    def language(request: Request) -> str:
        return request.GET.get("locale") or (get_language() or "de")[:2]

    @search_schema
    def listing_view(self, request: Request) -> Response:
        problem = number_problem(request)
        if problem:
            return Response({"message": problem}, status=400)
        try:
            search_request = service.parse_request(request.GET, user=request.user,
                                                   language=self.language(request))
            results = service.search(search_request)
        except SearchInputError as error:
            return Response({"message": str(error)}, status=400)
        except SearchUnavailable:
            return Response({"message": _("Search is temporarily unavailable.")}, status=503)
        return Response(serialize_results(results))

    @suggest_schema
    def suggest_view(self, request: Request) -> Response:
        unknown = set(request.GET) - {"q", "locale", "format"}
        if unknown:
            return Response({"message": _("Unknown query parameter: %(names)s.")
                             % {"names": ", ".join(sorted(unknown))[:100]}}, status=400)
        if len(request.GET.get("q", "")) > service.MAX_QUERY_LENGTH:
            return Response({"message": _("The search text is too long: at most %(max)s "
                                          "characters.") % {"max": service.MAX_QUERY_LENGTH}},
                            status=400)
        language = self.language(request)
        if language not in service.LANGUAGES:
            return Response({"message": _("Unknown language “%(value)s”; use one of: "
                                          "%(allowed)s.") % {
                "value": language[:20], "allowed": ", ".join(service.LANGUAGES)}}, status=400)
        try:
            found = service.suggest(request.GET.get("q", ""), language=language,
                                    principals=service.principals_for(request.user))
        except SearchUnavailable:
            return Response({"message": _("Search is temporarily unavailable.")}, status=503)
        return Response({"items": [{"title": item.title, "url": item.url, "type": item.source,
                                    "type_label": item.source_label} for item in found]})
