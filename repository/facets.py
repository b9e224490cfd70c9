"""Facets of the repository's listings, shared by the server-rendered index pages and the
API endpoints so that both filter alike (`?topic=mobilitaet&maturity=pilot`).

Each facet knows its URL parameter, its allowed values and their labels, how to filter
a queryset and how to count the results per value; every facet costs a fixed number of
queries, whatever the number of items.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import CharField, Count, Model, QuerySet, Value
from django.db.models.functions import Cast
from django.http import QueryDict

from home.content_cache import remember


class InvalidFilter(ValueError):
    """A filter value outside the allowed ones; carries every offending parameter."""

    def __init__(self, problems: Mapping[str, Sequence[str]]):
        self.problems = dict(problems)
        super().__init__(
            "; ".join(f"{name} must be one of: {', '.join(allowed)}"
                      for name, allowed in self.problems.items())
        )


@dataclass(frozen=True)
class Facet:
    param: str
    label: Any
    lookup: str
    choices: Sequence[tuple[Any, Any]] = ()
    # For facets whose values live in a table (topics, tags): the model and its value field.
    value_model: type[Model] | None = None
    value_field: str = "slug"
    label_field: str = "name"
    per_locale: bool = False
    many: bool = False
    # For values on a scale (size classes): how far apart two values are, so that an
    # empty result offers the nearest values that have results, not the largest.
    distance: Callable[[str, str], int] | None = None

    def options(self, locale_id: int) -> list[tuple[str, str]]:
        """(value, label) of every allowed value; one query for table-backed facets."""
        if self.value_model is None:
            return [(str(value), str(label)) for value, label in self.choices]
        # Read once per change of content (home.content_cache): topics and tags are
        # content, and every listing and API request asks for them.
        meta = self.value_model._meta
        key = ("facet-options", meta.label_lower, self.value_field, self.label_field,
               locale_id if self.per_locale else None)
        return remember(key, lambda: self._table_options(locale_id))

    def _table_options(self, locale_id: int) -> list[tuple[str, str]]:
        rows = self.value_model.objects.all()
        if self.per_locale:
            rows = rows.filter(locale_id=locale_id)
        return [(str(value), str(label)) for value, label in
                rows.values_list(self.value_field, self.label_field)]

    def apply(self, queryset: QuerySet, values: Sequence[str]) -> QuerySet:
        if not values:
            return queryset
        if self.many:
            # A subquery keeps one row per item without DISTINCT over the whole page.
            matching = queryset.model.objects.filter(**{f"{self.lookup}__in": values})
            return queryset.filter(pk__in=matching.values("pk"))
        return queryset.filter(**{f"{self.lookup}__in": values})

    def counts(self, queryset: QuerySet) -> dict[str, int]:
        rows = (queryset.order_by().values(self.lookup)
                .annotate(total=Count("pk", distinct=True)))
        return {str(row[self.lookup]): row["total"] for row in rows}


@dataclass
class FacetState:
    facet: Facet
    options: list[dict[str, Any]] = field(default_factory=list)
    selected: list[str] = field(default_factory=list)


Options = dict[str, list[tuple[str, str]]]


def facet_options(facets: Sequence[Facet], locale_id: int) -> Options:
    return {facet.param: facet.options(locale_id) for facet in facets}


def selected_values(facets: Sequence[Facet], params: QueryDict,
                    options: Options) -> dict[str, list[str]]:
    """The chosen values per facet; InvalidFilter names every parameter with a value
    outside its options, with the allowed values."""
    chosen: dict[str, list[str]] = {}
    problems: dict[str, list[str]] = {}
    for facet in facets:
        values = [value for value in params.getlist(facet.param) if value != ""]
        allowed = [value for value, _label in options[facet.param]]
        if any(value not in allowed for value in values):
            problems[facet.param] = allowed
        chosen[facet.param] = values
    if problems:
        raise InvalidFilter(problems)
    return chosen


def filter_queryset(facets: Sequence[Facet], queryset: QuerySet,
                    chosen: Mapping[str, Sequence[str]]) -> QuerySet:
    for facet in facets:
        queryset = facet.apply(queryset, chosen.get(facet.param, ()))
    return queryset


def facet_counts(facets: Sequence[Facet], queryset: QuerySet,
                 chosen: Mapping[str, Sequence[str]]) -> dict[str, dict[str, int]]:
    """Each facet's counts per value, every facet counted over the items the *other*
    facets let through, in one query: the facets' grouped counts joined by UNION ALL, so
    a listing costs one query for its facets however many it has (a query per facet
    before)."""
    if not facets:
        return {}
    parts = []
    for facet in facets:
        others = {param: values for param, values in chosen.items() if param != facet.param}
        parts.append(
            filter_queryset(facets, queryset, others)
            .prefetch_related(None).select_related(None).order_by()
            # Values as text: the facets' columns differ in type (text, numbers), and
            # the parts of a UNION must agree.
            .annotate(facet_param=Value(facet.param, output_field=CharField()),
                      facet_value=Cast(facet.lookup, output_field=CharField()))
            .values("facet_param", "facet_value")
            .annotate(total=Count("pk", distinct=True))
            .values_list("facet_param", "facet_value", "total"))
    rows = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    counts: dict[str, dict[str, int]] = {facet.param: {} for facet in facets}
    for param, value, total in rows:
        counts[param][str(value)] = total
    return counts


def facet_states(facets: Sequence[Facet], queryset: QuerySet,
                 chosen: Mapping[str, Sequence[str]], options: Options,
                 counted: dict[str, dict[str, int]] | None = None) -> list[FacetState]:
    """Options with counts: each facet is counted over the items that the *other* facets
    let through, so a reader sees what choosing one more value would give. ``counted``:
    what ``facet_counts`` gave for them, where the caller keeps it."""
    counts_by_facet = facet_counts(facets, queryset, chosen) if counted is None else counted
    states = []
    for facet in facets:
        counts = counts_by_facet.get(facet.param, {})
        entries = [
            {"value": value, "label": label, "count": counts.get(value, 0),
             "checked": value in chosen.get(facet.param, ())}
            for value, label in options[facet.param]
        ]
        states.append(FacetState(facet, entries, list(chosen.get(facet.param, ()))))
    return states
