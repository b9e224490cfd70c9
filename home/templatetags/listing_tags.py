"""Faceted listings (solutions, projects, publications, events): the chosen filters as
removable chips, long facets cut to their top ten, and for an empty result the nearest
broader queries (the other values of a chosen facet that do have results).

The listings' facet states come from `repository.facets` (options with value, label,
count and checked); this module only reads them, so `home` imports no feature app.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.http import QueryDict

register = template.Library()

TOP_OPTIONS = 10


def _query(params: QueryDict, param: str, values: list[str]) -> str:
    query = params.copy()
    query.pop("page", None)
    if values:
        query.setlist(param, values)
    else:
        query.pop(param, None)
    return query.urlencode()


@register.simple_tag(takes_context=True)
def filter_chips(context, facets: list[Any]) -> list[dict[str, str]]:
    """One chip per chosen value: its facet, its label and the query without it."""
    params = context["request"].GET
    chips = []
    for state in facets:
        param = state.facet.param
        chosen = params.getlist(param)
        for option in state.options:
            if option["checked"]:
                rest = [value for value in chosen if value != option["value"]]
                chips.append({"facet": str(state.facet.label), "label": option["label"],
                              "query": _query(params, param, rest)})
    return chips


def _nearness(state: Any, option: dict[str, Any]) -> tuple[int, int]:
    """How near an option is to the facet's chosen values (0 without a scale), then the
    larger count first."""
    distance = getattr(state.facet, "distance", None)
    chosen = [entry["value"] for entry in state.options if entry["checked"]]
    near = min(distance(value, option["value"]) for value in chosen) if distance else 0
    return near, -option["count"]


@register.simple_tag(takes_context=True)
def broader_queries(context, facets: list[Any]) -> list[dict[str, Any]]:
    """For an empty result: per chosen facet, its other values that have results under the
    remaining filters (the facet's counts leave its own choice out), largest first; on a
    facet whose values lie on a scale (its ``distance``: size classes), nearest first, so
    a Kleinstadt finding nothing among Kleinstädte is offered the Landgemeinden and
    Mittelstädte before the Großstädte."""
    params = context["request"].GET
    suggestions = []
    for state in facets:
        if not any(option["checked"] for option in state.options):
            continue
        param = state.facet.param
        alternatives = sorted(
            (option for option in state.options if option["count"] and not option["checked"]),
            key=lambda option, state=state: _nearness(state, option))[:3]
        if alternatives:
            suggestions.append({
                "facet": str(state.facet.label),
                "chosen": [option["label"] for option in state.options if option["checked"]],
                "alternatives": [
                    {"label": option["label"], "count": option["count"],
                     "query": _query(params, param, [option["value"]])}
                    for option in alternatives],
                "without": _query(params, param, []),
            })
    return suggestions


@register.filter
def top_options(options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return options[:TOP_OPTIONS]


@register.filter
def more_options(options: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return options[TOP_OPTIONS:]


@register.filter
def any_checked(options: list[dict[str, Any]]) -> bool:
    return any(option.get("checked") for option in options)
