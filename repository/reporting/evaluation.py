"""The office's evaluation of the reporting rounds: the one place that counts, for the
admin page, /api/v2/evaluation/ and the CSV/XLSX export alike.

Per round: the reports by status; the maturity moves (the step a solution stood at before
the report was accepted → the step the report gave it, P2 → P3) by field of action,
federal state and funding phase of the project; the solutions the projects said ended.
Only accepted reports move or end a solution: a submitted one may still be returned.
Beside the rounds: the reuse ledger's adoptions (those anyone may see, not dropped) per
solution and per size class over time, with their source (office, municipality, project).

Three queries, whatever the number of rounds, reports, solutions and adoptions: the
rounds with their reports counted by status; the accepted answers (moves, ended
solutions) with their fields of action; the adoptions grouped by year, size class, source
and solution. Names of fields of action and solutions come in the active language within
the same queries.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, F, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import translation

from community.models import FederalState, SizeClass
from repository.models import (
    Adoption,
    FundingPhase,
    ReportingRound,
    ReportStatus,
    SolutionAnswer,
    SolutionPage,
    Topic,
)
from repository.models.adoptions import AdoptionSource, AdoptionStatus
from repository.reporting.models import MATURITY_STEPS, Operation

# How a move is broken down: the solution's fields of action (a solution with two counts
# under both), and its project's federal state and funding phase.
TOPIC, FEDERAL_STATE, PHASE = "field_of_action", "federal_state", "funding_phase"
DIMENSIONS = (TOPIC, FEDERAL_STATE, PHASE)
# The steps in their order, to sort moves by where they start and end.
STEP_ORDER = {value: position for position, value in enumerate(MATURITY_STEPS)}


def move_label(previous: str, new: str) -> str:
    """``P2 → P3``."""
    return f"{MATURITY_STEPS[previous]} → {MATURITY_STEPS[new]}"


@dataclass(frozen=True)
class Move:
    previous: str
    new: str
    count: int

    @property
    def label(self) -> str:
        return move_label(self.previous, self.new)

    @property
    def sort_key(self) -> tuple[int, int]:
        return STEP_ORDER[self.previous], STEP_ORDER[self.new]


@dataclass(frozen=True)
class GroupedMove(Move):
    """Moves of one kind within one field of action, federal state or funding phase."""

    key: str = ""
    group: str = ""


@dataclass(frozen=True)
class EndedSolution:
    solution_id: int
    title: str
    project: str
    reason: str


@dataclass
class RoundEvaluation:
    round: ReportingRound
    # Every status of ReportStatus, in its order, with its count (0 where none).
    reports: dict[str, int]
    # Moves to another step, by where they start and end.
    moves: list[Move] = field(default_factory=list)
    # Solutions confirmed at the step they stood at.
    unchanged: int = 0
    moves_by: dict[str, list[GroupedMove]] = field(default_factory=dict)
    ended: list[EndedSolution] = field(default_factory=list)

    @property
    def moved(self) -> int:
        return sum(move.count for move in self.moves)

    @property
    def came_in(self) -> int:
        """Reports the team sent to the office (waiting, accepted or returned)."""
        return sum(self.reports[status] for status in (
            ReportStatus.SUBMITTED, ReportStatus.ACCEPTED, ReportStatus.RETURNED))


@dataclass(frozen=True)
class AdoptionCount:
    """Adoptions that began (or, without a start date, entered the ledger) in ``year``,
    of municipalities of one size class, from one source."""

    year: int
    size_class: str
    source: str
    count: int


@dataclass(frozen=True)
class SolutionAdoptions:
    solution_id: int
    title: str
    # Every source of AdoptionSource, in its order, with its count.
    by_source: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_source.values())


@dataclass
class Evaluation:
    rounds: list[RoundEvaluation]
    adoptions_over_time: list[AdoptionCount]
    adoptions_by_solution: list[SolutionAdoptions]

    def round(self, pk: int) -> RoundEvaluation | None:
        return next((one for one in self.rounds if one.round.pk == pk), None)


def evaluate(rounds: QuerySet[ReportingRound]) -> Evaluation:
    """The evaluation of ``rounds`` (in their order) and of the reuse ledger, with names
    in the active language."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    counted = rounds.annotate(**{
        f"reports_{status}": Count("reports", filter=Q(reports__status=status))
        for status in ReportStatus.values})
    by_pk = {one.pk: RoundEvaluation(one, {status: getattr(one, f"reports_{status}")
                                           for status in ReportStatus.values})
             for one in counted}
    if by_pk:
        _count_answers(by_pk, language)
    over_time, by_solution = _count_adoptions(language)
    return Evaluation(list(by_pk.values()), over_time, by_solution)


def _count_answers(by_pk: dict[int, RoundEvaluation], language: str) -> None:
    """Moves (in all, by field of action, federal state and funding phase), solutions
    confirmed at the same step and solutions ended, from one read of the accepted
    answers: a row per answer and field of action (one row without any), so that an
    answer counts once in all and once under each of its fields of action."""
    topic_name = Subquery(Topic.objects.filter(
        translation_key=OuterRef("solution__topics__translation_key"),
        locale__language_code=language).values("name")[:1])
    rows = (SolutionAnswer.objects
            .filter(report__round_id__in=list(by_pk), report__status=ReportStatus.ACCEPTED)
            .exclude(maturity="").order_by("solution__title", "pk")
            .values_list("pk", "report__round_id", "previous_maturity", "maturity",
                         "operation", "operation_note", "solution_id", "solution__title",
                         "report__project__title",
                         "report__project__municipality__federal_state",
                         "report__project__funding_phase",
                         "solution__topics__translation_key", "solution__topics__name",
                         "solution__topics__sort_order")
            .annotate(topic_name=topic_name))
    seen: set[int] = set()
    overall: dict[int, dict[tuple[str, str], int]] = {pk: {} for pk in by_pk}
    grouped: dict[tuple[int, str], dict[tuple[str, str, str], int]] = {}
    names: dict[tuple[str, str], str] = {}
    order: dict[tuple[str, str], Any] = {}
    for (pk, round_id, previous, new, operation, note, solution_id, title, project, state,
         phase, topic_key, german_topic, topic_position, topic_name) in rows:
        evaluation = by_pk[round_id]
        moved = bool(previous) and previous != new
        if pk not in seen:
            seen.add(pk)
            if operation == Operation.ENDED:
                evaluation.ended.append(EndedSolution(solution_id, title, project, note))
            if previous and not moved:
                evaluation.unchanged += 1
            if moved:
                _add(overall[round_id], (previous, new), 1)
                for dimension, key in ((FEDERAL_STATE, str(state)), (PHASE, str(phase))):
                    _add(grouped.setdefault((round_id, dimension), {}), (key, previous, new), 1)
        if moved and topic_key is not None:
            key = str(topic_key)
            names[TOPIC, key] = topic_name or german_topic
            order[TOPIC, key] = (topic_position, names[TOPIC, key])
            _add(grouped.setdefault((round_id, TOPIC), {}), (key, previous, new), 1)
    for position, (value, label) in enumerate(FederalState.choices):
        names[FEDERAL_STATE, value], order[FEDERAL_STATE, value] = str(label), position
    for value, label in FundingPhase.choices:
        names[PHASE, str(value)], order[PHASE, str(value)] = str(label), value
    for round_id, evaluation in by_pk.items():
        evaluation.moves = sorted((Move(previous, new, count) for (previous, new), count
                                   in overall[round_id].items()),
                                  key=lambda move: move.sort_key)
        for dimension in DIMENSIONS:
            moves = [GroupedMove(previous, new, count, key=key,
                                 group=names.get((dimension, key), key))
                     for (key, previous, new), count
                     in grouped.get((round_id, dimension), {}).items()]
            evaluation.moves_by[dimension] = sorted(
                moves, key=lambda move, dimension=dimension: (
                    order.get((dimension, move.key), 99), move.sort_key))


def _add(counts: dict, key: tuple, count: int) -> None:
    counts[key] = counts.get(key, 0) + count


def _count_adoptions(language: str) -> tuple[list[AdoptionCount], list[SolutionAdoptions]]:
    """The reuse ledger's adoptions anyone may see (office entries and confirmed reports
    of municipalities and projects), without the dropped ones, per year, size class and
    source, and per solution and source: one query. The year is when the adoption began;
    a self-reported one often gives no date and counts in the year it was confirmed, an
    office entry without a date in the year it was entered. Adoptions of any translation
    of a solution count together, under its title in ``language`` where it has one."""
    translated = SolutionPage.objects.filter(
        translation_key=OuterRef("solution__translation_key"), locale__language_code=language)
    rows = (Adoption.objects.public().exclude(status=AdoptionStatus.DROPPED).order_by()
            .annotate(year=Coalesce(ExtractYear("adopted_on"), ExtractYear("decided_at"),
                                    ExtractYear("created_at")),
                      page=Coalesce(Subquery(translated.values("pk")[:1]), F("solution_id"),
                                    output_field=IntegerField()),
                      title=Coalesce(Subquery(translated.values("title")[:1]),
                                     F("solution__title")))
            .values_list("year", "municipality__size_class", "source",
                         "solution__translation_key", "page", "title")
            .annotate(count=Count("pk")))
    per_year: dict[tuple[int, str, str], int] = {}
    per_solution: dict[str, SolutionAdoptions] = {}
    for year, size, source, key, page, title, count in rows:
        _add(per_year, (year, size, source), count)
        entry = per_solution.setdefault(str(key), SolutionAdoptions(
            page, title, dict.fromkeys(AdoptionSource.values, 0)))
        entry.by_source[source] = entry.by_source.get(source, 0) + count
    size_order = {value: position for position, value in enumerate(SizeClass.values)}
    source_order = {value: position for position, value in enumerate(AdoptionSource.values)}
    over_time = sorted((AdoptionCount(year, size, source, count)
                        for (year, size, source), count in per_year.items()),
                       key=lambda one: (one.year, size_order.get(one.size_class, 99),
                                        source_order.get(one.source, 99)))
    by_solution = sorted(per_solution.values(), key=lambda one: (-one.total, one.title))
    return over_time, by_solution


def size_classes_present(counts: Iterable[AdoptionCount]) -> list[tuple[str, str]]:
    present = {one.size_class for one in counts}
    return [(value, str(label)) for value, label in SizeClass.choices if value in present]
