"""The repository "at a glance": solutions by maturity and by field of action, and the
reuse ledger's adoptions by federal state and size class and over time.

Each count is one grouped query whatever the number of solutions or adoptions (three for
the four charts: both adoption charts read the same rows). The charts count everything
published in the page's language, not the current filter: they describe the repository,
and each bar's table row leads to the listing filtered to it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import ExtractYear
from django.utils.translation import gettext as _

from community.models import FederalState, SizeClass
from home.charts import Chart, Row, Series, bar_chart, line_chart
from repository.facets import FacetState
from repository.models.taxonomy import TOPIC_FACET

# The models module calls these charts, so the charts take the solutions, their maturity
# steps and the ledger's rows as arguments instead of importing them.
AdoptionRows = Sequence[tuple[str, str, int | None, int]]


def maturity_chart(solutions: QuerySet, steps: Sequence[tuple[str, Any]],
                   listing_url: str) -> Chart:
    counts = dict(solutions.order_by().values_list("maturity").annotate(total=Count("pk")))
    rows = [Row(str(label), (counts.get(value, 0),), f"{listing_url}?maturity={value}")
            for value, label in steps]
    return bar_chart(
        "solutions-by-maturity", _("Solutions by maturity"),
        _("How many solutions are at each step from an idea to a solution that other "
          "municipalities run."),
        _("Maturity"), rows)


def topic_chart(solutions: QuerySet, facets: Sequence[FacetState],
                listing_url: str) -> Chart:
    """Topics are named as the listing's topic filter names them (in the page's
    language), so the chart costs only its count."""
    counts = TOPIC_FACET.counts(solutions)
    options = next((state.options for state in facets if state.facet.param == "topic"), [])
    rows = sorted(
        (Row(option["label"], (counts.get(option["value"], 0),),
             f"{listing_url}?topic={option['value']}") for option in options),
        key=lambda row: (-row.total, row.label))
    return bar_chart(
        "solutions-by-topic", _("Solutions by field of action"),
        _("How many solutions each field of action has; a solution may serve several."),
        _("Field of action"), [row for row in rows if row.total])


def adoption_rows(adoptions: QuerySet) -> list[tuple[str, str, int | None, int]]:
    """(federal state, size class, year, adoptions) of the given adoptions."""
    return list(
        adoptions.order_by()
        .values_list("municipality__federal_state", "municipality__size_class",
                     ExtractYear("adopted_on"))
        .annotate(total=Count("pk")))


def _size_classes(rows: AdoptionRows) -> list[Series]:
    present = {size for _state, size, _year, _total in rows}
    return [Series(value, str(label)) for value, label in SizeClass.choices if value in present]


def adoptions_by_state_chart(rows: AdoptionRows) -> Chart:
    series = _size_classes(rows)
    counts: dict[tuple[str, str], int] = {}
    for state, size, _year, total in rows:
        counts[state, size] = counts.get((state, size), 0) + total
    bars = [Row(str(label), tuple(counts.get((value, one.key), 0) for one in series))
            for value, label in FederalState.choices]
    bars = sorted((bar for bar in bars if bar.total), key=lambda bar: (-bar.total, bar.label))
    return bar_chart(
        "adoptions-by-state", _("Adoptions by federal state"),
        _("Municipalities that took over a solution, by federal state and size class "
          "(adoptions that were dropped are left out)."),
        _("Federal state"), bars, series)


def adoptions_over_time_chart(rows: AdoptionRows) -> Chart:
    """Adoptions so far at the end of each year, per size class: a running total, so a
    line only rises as the ledger grows."""
    series = _size_classes([row for row in rows if row[2] is not None])
    years = sorted({year for _state, _size, year, _total in rows if year is not None})
    per_year: dict[tuple[int, str], int] = {}
    for _state, size, year, total in rows:
        if year is not None:
            per_year[year, size] = per_year.get((year, size), 0) + total
    running = dict.fromkeys((one.key for one in series), 0)
    points = []
    for year in range(years[0], years[-1] + 1) if years else ():
        for one in series:
            running[one.key] += per_year.get((year, one.key), 0)
        points.append(Row(str(year), tuple(running[one.key] for one in series)))
    return line_chart(
        "adoptions-over-time", _("Adoptions over time"),
        _("Adoptions so far at the end of each year, by size class of the adopting "
          "municipality (adoptions without a start date are left out)."),
        _("Year"), points, series)


def repository_charts(solutions: QuerySet, steps: Sequence[tuple[str, Any]],
                      adoptions: QuerySet, facets: Sequence[FacetState],
                      listing_url: str) -> list[Chart]:
    """The four charts of the solution listing, in the active language: ``adoptions`` are
    the ledger's rows to count (those not dropped)."""
    rows = adoption_rows(adoptions)
    return [
        maturity_chart(solutions, steps, listing_url),
        topic_chart(solutions, facets, listing_url),
        adoptions_by_state_chart(rows),
        adoptions_over_time_chart(rows),
    ]
