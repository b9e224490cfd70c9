"""Every answer of a round as a spreadsheet (home.exports): one row per solution answer,
a report without any one row of its own; one column per indicator reported. And the
office's evaluation of the rounds, one figure per row."""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _

from community.models import SizeClass
from home.exports import export_response
from repository.models import IndicatorValue, ReportingRound, ReportStatus, SolutionAnswer
from repository.models.adoptions import AdoptionSource
from repository.reporting.evaluation import DIMENSIONS, FEDERAL_STATE, PHASE, TOPIC, Evaluation
from repository.reporting.models import MATURITY_STEPS


def round_rows(reporting_round: ReportingRound) -> tuple[list[dict[str, Any]],
                                                         list[tuple[str, Any]]]:
    reports = list(reporting_round.reports.select_related("project__municipality")
                   .prefetch_related(Prefetch(
                       "solution_answers", SolutionAnswer.objects.select_related("solution")
                       .prefetch_related(Prefetch("indicator_values", IndicatorValue.objects
                                                  .select_related("indicator")))))
                   .order_by("project__title"))
    questions = reporting_round.question_list()
    indicators: dict[int, str] = {}
    rows = []
    for report in reports:
        municipality = report.project.municipality
        base = {"round": reporting_round.title, "project": report.project.title,
                "municipality": municipality.name, "ags": municipality.ags,
                "federal_state": municipality.get_federal_state_display(),
                "phase": report.project.funding_phase,
                "status": str(report.get_status_display()), "changed_at": report.changed_at,
                "submitted_at": report.submitted_at, "reviewed_at": report.reviewed_at,
                "progress": report.progress, "review_comment": report.review_comment}
        for index in range(len(questions)):
            base[f"question_{index}"] = (report.answers[index]
                                         if index < len(report.answers) else "")
        answers = list(report.solution_answers.all()) or [None]
        for answer in answers:
            row = dict(base)
            if answer is not None:
                row.update(
                    solution=answer.solution.title,
                    maturity=MATURITY_STEPS.get(answer.maturity, ""),
                    operation=str(answer.get_operation_display()) if answer.operation else "",
                    operation_note=answer.operation_note, costs=answer.costs_so_far,
                    lessons=answer.lessons, adoptions=answer.adoptions_known)
                for value in answer.indicator_values.all():
                    indicators[value.indicator_id] = str(value.indicator)
                    row[f"indicator_{value.indicator_id}"] = value.value
            rows.append(row)
    columns: list[tuple[str, Any]] = [
        ("round", _("reporting round")), ("project", _("model project")),
        ("municipality", _("municipality")), ("ags", "AGS"),
        ("federal_state", _("federal state")), ("phase", _("funding phase")),
        ("status", _("status")), ("changed_at", _("last change")),
        ("submitted_at", _("submitted")), ("reviewed_at", _("reviewed")),
        ("progress", _("progress of the project")),
        *((f"question_{index}", question) for index, question in enumerate(questions)),
        ("solution", _("solution")), ("maturity", _("maturity step")),
        ("operation", _("still in operation?")),
        ("operation_note", _("what changed, or why it ended")),
        ("costs", _("costs so far (€)")), ("lessons", _("lessons since the last report")),
        ("adoptions", _("adoptions you know of")),
        *((f"indicator_{pk}", name) for pk, name in sorted(indicators.items())),
        ("review_comment", _("comment of the review")),
    ]
    return [{key: row.get(key, "") for key, _label in columns} for row in rows], columns


def export_round(reporting_round: ReportingRound, file_format: str) -> HttpResponse:
    rows, columns = round_rows(reporting_round)
    return export_response(rows, columns, file_format=file_format,
                           filename=f"berichte-{slugify(reporting_round.title)}",
                           sheet_title=reporting_round.title)


def evaluation_rows(evaluation: Evaluation) -> tuple[list[dict[str, Any]],
                                                     list[tuple[str, Any]]]:
    """The evaluation (repository.reporting.evaluation) as one long table, a figure per
    row, so that a spreadsheet can filter and pivot it: reports by status, maturity moves
    (in all and by field of action, federal state and funding phase), solutions confirmed
    at the same step, solutions ended, and adoptions by year, size class and source and
    by solution and source."""
    dimensions = {TOPIC: _("field of action"), FEDERAL_STATE: _("federal state"),
                  PHASE: _("funding phase")}
    statuses, sources = dict(ReportStatus.choices), dict(AdoptionSource.choices)
    sizes = dict(SizeClass.choices)
    rows: list[dict[str, Any]] = []
    for one in evaluation.rounds:
        title = one.round.title
        rows += [{"round": title, "figure": _("reports of the projects"),
                  "group": str(statuses[status]),
                  "number": count} for status, count in one.reports.items()]
        rows += [{"round": title, "figure": _("maturity moves"), "breakdown": _("all"),
                  "from": MATURITY_STEPS[move.previous], "to": MATURITY_STEPS[move.new],
                  "number": move.count} for move in one.moves]
        for dimension in DIMENSIONS:
            rows += [{"round": title, "figure": _("maturity moves"),
                      "breakdown": dimensions[dimension], "group": move.group,
                      "from": MATURITY_STEPS[move.previous], "to": MATURITY_STEPS[move.new],
                      "number": move.count} for move in one.moves_by[dimension]]
        rows.append({"round": title, "figure": _("confirmed at the same step"),
                     "number": one.unchanged})
        rows += [{"round": title, "figure": _("solutions ended"), "group": ended.project,
                  "solution": ended.title, "note": ended.reason, "number": 1}
                 for ended in one.ended]
    rows += [{"figure": _("adoptions"), "year": one.year,
              "size_class": str(sizes.get(one.size_class, one.size_class)),
              "source": str(sources.get(one.source, one.source)), "number": one.count}
             for one in evaluation.adoptions_over_time]
    rows += [{"figure": _("adoptions per solution"), "solution": one.title,
              "source": str(sources[source]), "number": count}
             for one in evaluation.adoptions_by_solution
             for source, count in one.by_source.items() if count]
    columns: list[tuple[str, Any]] = [
        ("round", _("reporting round")), ("figure", _("figure")),
        ("breakdown", _("breakdown")), ("group", _("group")),
        ("from", _("maturity step before")), ("to", _("maturity step now")),
        ("solution", _("solution")), ("year", _("year")), ("size_class", _("size class")),
        ("source", _("source")), ("number", _("number")),
        ("note", _("what changed, or why it ended")),
    ]
    return [{key: row.get(key, "") for key, _label in columns} for row in rows], columns


def export_evaluation(evaluation: Evaluation, file_format: str,
                      round_title: str = "") -> HttpResponse:
    rows, columns = evaluation_rows(evaluation)
    name = f"auswertung-{slugify(round_title)}" if round_title else "auswertung"
    return export_response(rows, columns, file_format=file_format, filename=name,
                           sheet_title=round_title or _("Evaluation"))
