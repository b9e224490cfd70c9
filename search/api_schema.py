"""How /api/v2/schema/ describes the search endpoints, built from the search service's
own constants so that the description cannot drift from what the endpoints accept."""

from __future__ import annotations

from typing import Any

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers

from home.api import ErrorSerializer
from search import service

# The highest page the service serves (it reads a larger number as this one).
MAX_PAGE = 10**9


class TopicSerializer(serializers.Serializer):
    slug = serializers.CharField()
    name = serializers.CharField()


class SearchMetaSerializer(serializers.Serializer):
    total_count = serializers.IntegerField(min_value=0)
    page = serializers.IntegerField(min_value=1)
    pages = serializers.IntegerField(min_value=0)
    page_size = serializers.IntegerField(min_value=1, max_value=service.MAX_PAGE_SIZE)
    sort = serializers.ChoiceField(choices=service.SORTS)
    locale = serializers.ChoiceField(choices=service.LANGUAGES)
    suggestion = serializers.CharField(allow_null=True, allow_blank=True)
    took_ms = serializers.FloatField()
    engine_ms = serializers.FloatField()
    backend = serializers.CharField(help_text="Who answered: the engine or the database.")


class HitSerializer(serializers.Serializer):
    key = serializers.CharField()
    type = serializers.CharField()
    type_label = serializers.CharField()
    title = serializers.CharField(allow_blank=True)
    title_html = serializers.CharField(allow_blank=True)
    snippet_html = serializers.CharField(allow_blank=True)
    url = serializers.CharField()
    locale = serializers.CharField()
    date = serializers.CharField(allow_null=True)
    topics = TopicSerializer(many=True)


class FacetValueSerializer(serializers.Serializer):
    value = serializers.CharField(allow_blank=True)
    label = serializers.CharField(allow_blank=True)
    count = serializers.IntegerField(min_value=0)
    selected = serializers.BooleanField()


class FacetSerializer(serializers.Serializer):
    name = serializers.CharField()
    label = serializers.CharField()
    values = FacetValueSerializer(many=True)


class SearchResultsSerializer(serializers.Serializer):
    meta = SearchMetaSerializer()
    items = HitSerializer(many=True)
    facets = FacetSerializer(many=True)


class SuggestionSerializer(serializers.Serializer):
    title = serializers.CharField()
    url = serializers.CharField()
    type = serializers.CharField()
    type_label = serializers.CharField()


class SuggestionsSerializer(serializers.Serializer):
    items = SuggestionSerializer(many=True)


def _common_parameters() -> list[OpenApiParameter]:
    return [
        OpenApiParameter("q", {"type": "string", "maxLength": service.MAX_QUERY_LENGTH},
                         description="Search text; no query syntax, every character is text."),
        OpenApiParameter("locale", {"type": "string", "enum": list(service.LANGUAGES)},
                         description="Language of the query and of labels (default: the "
                                     "request's)."),
    ]


def _facet_parameters() -> list[OpenApiParameter]:
    return [OpenApiParameter(
        facet.name,
        {"type": "array", "maxItems": service.MAX_FILTER_VALUES,
         "items": {"type": "integer", "minimum": 0} if facet.numeric
         else {"type": "string", "maxLength": 100}},
        explode=True,
        description=f"Filter on {facet.field}; repeat for several values (any of them).",
    ) for facet in service.FACETS]


def _errors(*codes: int) -> dict[int, Any]:
    described = {400: "A parameter is not understood; the message says what is allowed.",
                 503: "The search engine does not answer and there is no fallback."}
    return {code: OpenApiResponse(ErrorSerializer, description=described[code])
            for code in codes}


search_schema = extend_schema(
    summary="Search everything the requester may see",
    parameters=[
        *_common_parameters(),
        OpenApiParameter("sort", {"type": "string", "enum": list(service.SORTS)}),
        OpenApiParameter("facets", {"type": "string"},
                         description="Comma-separated facets to count (default: all): "
                                     + ", ".join(facet.name for facet in service.FACETS)),
        OpenApiParameter("page", {"type": "integer", "minimum": 1, "maximum": MAX_PAGE}),
        OpenApiParameter("page_size", {"type": "integer", "minimum": 1,
                                       "maximum": service.MAX_PAGE_SIZE}),
        *_facet_parameters(),
    ],
    responses={200: SearchResultsSerializer, **_errors(400, 503)},
)

suggest_schema = extend_schema(
    summary="Type-ahead: titles that start with the typed words",
    parameters=_common_parameters(),
    responses={200: SuggestionsSerializer, **_errors(400, 503)},
)
