"""OpenAPI 3.1 description of the search endpoints, built from the service's own
constants so that it cannot drift from what the endpoints accept."""

from __future__ import annotations

from typing import Any

from search import service

ERROR = {"type": "object", "required": ["message"],
         "properties": {"message": {"type": "string",
                                    "description": "What is wrong, in the request's language"}}}


def openapi_document(base_url: str) -> dict[str, Any]:
    facet_parameters = [{
        "name": facet.name, "in": "query", "required": False, "explode": True,
        "description": f"Filter on {facet.field}; repeat for several values (any of them).",
        "schema": {"type": "array", "maxItems": service.MAX_FILTER_VALUES,
                   "items": {"type": "integer" if facet.numeric else "string"}},
    } for facet in service.FACETS]
    common = [
        {"name": "q", "in": "query", "schema": {"type": "string",
                                                 "maxLength": service.MAX_QUERY_LENGTH},
         "description": "Search text; no query syntax, every character is text."},
        {"name": "locale", "in": "query", "schema": {"type": "string",
                                                      "enum": list(service.LANGUAGES)},
         "description": "Language of the query and of labels (default: de)."},
    ]
    facet_value = {"type": "object", "properties": {
        "value": {"type": "string"}, "label": {"type": "string"},
        "count": {"type": "integer"}, "selected": {"type": "boolean"}}}
    return {
        "openapi": "3.1.0",
        "info": {"title": "Smart Cities knowledge platform: search", "version": "2"},
        "servers": [{"url": base_url}],
        "paths": {
            "/": {"get": {
                "summary": "Search everything the requester may see",
                "parameters": [
                    *common,
                    {"name": "sort", "in": "query",
                     "schema": {"type": "string", "enum": list(service.SORTS)}},
                    {"name": "facets", "in": "query", "schema": {"type": "string"},
                     "description": "Comma-separated facets to count (default: all): "
                                    + ", ".join(facet.name for facet in service.FACETS)},
                    {"name": "page", "in": "query",
                     "schema": {"type": "integer", "minimum": 1}},
                    {"name": "page_size", "in": "query",
                     "schema": {"type": "integer", "minimum": 1,
                                "maximum": service.MAX_PAGE_SIZE}},
                    *facet_parameters,
                ],
                "responses": {
                    "200": {"description": "Hits, total, facet counts, suggestion",
                            "content": {"application/json": {"schema": {
                                "type": "object", "properties": {
                                    "meta": {"type": "object", "properties": {
                                        "total_count": {"type": "integer"},
                                        "page": {"type": "integer"},
                                        "pages": {"type": "integer"},
                                        "page_size": {"type": "integer"},
                                        "sort": {"type": "string"},
                                        "locale": {"type": "string"},
                                        "suggestion": {"type": "string"},
                                        "took_ms": {"type": "number"},
                                        "backend": {"type": "string"}}},
                                    "items": {"type": "array", "items": {
                                        "type": "object", "properties": {
                                            "key": {"type": "string"},
                                            "type": {"type": "string"},
                                            "type_label": {"type": "string"},
                                            "title": {"type": "string"},
                                            "title_html": {"type": "string"},
                                            "snippet_html": {"type": "string"},
                                            "url": {"type": "string"},
                                            "locale": {"type": "string"},
                                            "date": {"type": ["string", "null"]},
                                            "topics": {"type": "array"}}}},
                                    "facets": {"type": "array", "items": {
                                        "type": "object", "properties": {
                                            "name": {"type": "string"},
                                            "label": {"type": "string"},
                                            "values": {"type": "array",
                                                       "items": facet_value}}}}}}}}},
                    "400": {"description": "Bad parameter",
                            "content": {"application/json": {"schema": ERROR}}},
                    "503": {"description": "Search engine unavailable (no fallback)",
                            "content": {"application/json": {"schema": ERROR}}},
                },
            }},
            "/suggest/": {"get": {
                "summary": "Type-ahead: titles that start with the typed words",
                "parameters": common,
                "responses": {
                    "200": {"description": "Up to 8 titles", "content": {"application/json": {
                        "schema": {"type": "object", "properties": {"items": {
                            "type": "array", "items": {"type": "object", "properties": {
                                "title": {"type": "string"}, "url": {"type": "string"},
                                "type": {"type": "string"},
                                "type_label": {"type": "string"}}}}}}}}},
                    "400": {"description": "Bad parameter",
                            "content": {"application/json": {"schema": ERROR}}},
                },
            }},
        },
    }
