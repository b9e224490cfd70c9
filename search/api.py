"""/api/v2/search/: the search page's parameters and answer as JSON, type-ahead at
/api/v2/search/suggest/, and the endpoints' OpenAPI description at
/api/v2/search/schema/."""

from __future__ import annotations

from typing import Any

from django.urls import path
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from search import service
from search.models import SearchDocument
from search.openapi import openapi_document
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


class SearchAPIViewSet(BaseAPIViewSet):
    model = SearchDocument
    name = "search"

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [
            path("", cls.as_view({"get": "listing_view"}), name="listing"),
            path("suggest/", cls.as_view({"get": "suggest_view"}), name="suggest"),
            path("schema/", cls.as_view({"get": "schema_view"}), name="schema"),
        ]

    @staticmethod
    def language(request: Request) -> str:
        return request.GET.get("locale") or (get_language() or "de")[:2]

    def listing_view(self, request: Request) -> Response:
        try:
            search_request = service.parse_request(request.GET, user=request.user,
                                                   language=self.language(request))
            results = service.search(search_request)
        except SearchInputError as error:
            return Response({"message": str(error)}, status=400)
        except SearchUnavailable:
            return Response({"message": _("Search is temporarily unavailable.")}, status=503)
        return Response(serialize_results(results))

    def suggest_view(self, request: Request) -> Response:
        unknown = set(request.GET) - {"q", "locale", "format"}
        if unknown:
            return Response({"message": _("Unknown query parameter: %(names)s.")
                             % {"names": ", ".join(sorted(unknown))[:100]}}, status=400)
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

    def schema_view(self, request: Request) -> Response:
        return Response(openapi_document(request.build_absolute_uri("/api/v2/search/")))
