"""The office's evaluation in the admin, beside the status board: reports per round, the
chosen round's maturity moves (by field of action, federal state and funding phase) and
ended solutions, and the reuse ledger's adoptions over time, per size class, source and
solution; each chart with its table, and the same figures as CSV or XLSX. For whoever
may see the evaluation (editors, the evaluation partner: permissions.can_see_evaluation);
the counting is repository.reporting.evaluation's. Registered in repository.wagtail_hooks.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.charts import Chart, Row, Series, bar_chart, line_chart
from home.exports import FORMATS
from repository.models import ReportingRound, ReportStatus
from repository.models.adoptions import AdoptionSource
from repository.reporting import evaluation as counting
from repository.reporting import permissions
from repository.reporting.exports import export_evaluation
from repository.reporting.models import RoundStatus

LARGEST_ID = 2**63 - 1


class EvaluatorsOnly:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.can_see_evaluation(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def asked_round(request: HttpRequest) -> int | None:
    """The round of ``?round=`` (an id), or None without one; 404 for anything else."""
    raw = request.GET.get("round", "")
    if not raw:
        return None
    if not (raw.isascii() and raw.isdigit() and 1 <= int(raw[:20]) <= LARGEST_ID):
        raise Http404(_("There is no such reporting round."))
    return int(raw)


def rounds_asked(request: HttpRequest) -> QuerySet[ReportingRound]:
    """Every round, newest first, or the one of ``?round=`` (404 if there is none)."""
    rounds = ReportingRound.objects.order_by("-opens_on", "-pk")
    chosen = asked_round(request)
    if chosen is None:
        return rounds
    if not rounds.filter(pk=chosen).exists():
        raise Http404(_("There is no such reporting round."))
    return rounds.filter(pk=chosen)


# -- charts (home.charts), each with the same numbers as a table --------------------------

def reports_chart(evaluation: counting.Evaluation) -> Chart:
    series = [Series(value, str(label)) for value, label in ReportStatus.choices]
    rows = [Row(one.round.title, tuple(one.reports[status] for status in ReportStatus.values))
            for one in evaluation.rounds]
    return bar_chart("evaluation-reports", _("Reports per round"),
                     _("The model projects' reports of each round, by status."),
                     _("Reporting round"), rows, series)


def moves_chart(one: counting.RoundEvaluation) -> Chart:
    return bar_chart(
        "evaluation-moves", _("Maturity moves"),
        _("Solutions whose maturity step an accepted report changed, from the step their "
          "page showed before to the one reported."),
        _("Move"), [Row(move.label, (move.count,)) for move in one.moves],
        [Series("solutions", str(_("Solutions")))])


DIMENSION_TEXTS = {
    counting.TOPIC: (gettext_lazy("Maturity moves by field of action"),
                     gettext_lazy("A solution serving several fields of action counts under "
                                  "each of them."),
                     gettext_lazy("Field of action")),
    counting.FEDERAL_STATE: (gettext_lazy("Maturity moves by federal state"),
                             gettext_lazy("By the federal state of the model project."),
                             gettext_lazy("Federal state")),
    counting.PHASE: (gettext_lazy("Maturity moves by funding phase"),
                     gettext_lazy("By the funding phase of the model project."),
                     gettext_lazy("Funding phase")),
}


def moves_by_chart(one: counting.RoundEvaluation, dimension: str) -> Chart:
    """One bar per field of action (federal state, phase), split into the moves."""
    grouped = one.moves_by[dimension]
    kinds = sorted({(move.previous, move.new) for move in grouped},
                   key=lambda kind: (counting.STEP_ORDER[kind[0]], counting.STEP_ORDER[kind[1]]))
    counts = {(move.key, move.previous, move.new): move.count for move in grouped}
    groups = list(dict.fromkeys((move.key, move.group) for move in grouped))
    rows = [Row(label, tuple(counts.get((key, *kind), 0) for kind in kinds))
            for key, label in groups]
    title, description, heading = DIMENSION_TEXTS[dimension]
    return bar_chart(f"evaluation-moves-{dimension}", str(title), str(description),
                     str(heading), rows,
                     [Series(f"{previous}-{new}", counting.move_label(previous, new))
                      for previous, new in kinds] or None)


def _source_series() -> list[Series]:
    return [Series(value, str(label)) for value, label in AdoptionSource.choices]


def adoptions_over_time_chart(evaluation: counting.Evaluation) -> Chart:
    """Adoptions so far at the end of each year, per size class (a running total)."""
    counts = evaluation.adoptions_over_time
    series = [Series(value, label) for value, label in counting.size_classes_present(counts)]
    years = [one.year for one in counts if one.year is not None]
    per_year: dict[tuple[int, str], int] = {}
    for one in counts:
        per_year[one.year, one.size_class] = per_year.get((one.year, one.size_class), 0) \
            + one.count
    running = dict.fromkeys((one.key for one in series), 0)
    rows = []
    for year in range(min(years), max(years) + 1) if years else ():
        for one in series:
            running[one.key] += per_year.get((year, one.key), 0)
        rows.append(Row(str(year), tuple(running[one.key] for one in series)))
    return line_chart(
        "evaluation-adoptions-over-time", _("Adoptions over time by size class"),
        _("Adoptions so far at the end of each year, by size class of the adopting "
          "municipality: office entries and confirmed reports of municipalities and "
          "projects, without dropped ones. Without a start date an adoption counts in the "
          "year it was confirmed."),
        _("Year"), rows, series)


def adoptions_by_source_chart(evaluation: counting.Evaluation) -> Chart:
    sources = AdoptionSource.values
    per_year: dict[int, list[int]] = {}
    for one in evaluation.adoptions_over_time:
        per_year.setdefault(one.year, [0] * len(sources))[sources.index(one.source)] += \
            one.count
    rows = [Row(str(year), tuple(values)) for year, values in sorted(per_year.items())]
    return bar_chart(
        "evaluation-adoptions-by-source", _("New adoptions per year by source"),
        _("Who entered or reported the adoptions that began in each year: the office, "
          "the municipality itself or the model project."),
        _("Year"), rows, _source_series())


def adoptions_by_solution_chart(evaluation: counting.Evaluation) -> Chart:
    rows = [Row(one.title, tuple(one.by_source[source] for source in AdoptionSource.values))
            for one in evaluation.adoptions_by_solution]
    return bar_chart(
        "evaluation-adoptions-by-solution", _("Adoptions per solution"),
        _("Municipalities that took each solution over, by source of the entry."),
        _("Solution"), rows, _source_series())


class EvaluationView(EvaluatorsOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "repository/reporting/admin/evaluation.html"
    page_title = gettext_lazy("Evaluation of the reporting rounds")
    header_icon = "table"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        chosen_pk = asked_round(self.request)
        # Every round, for the chart of reports per round; the one asked for in detail.
        evaluation = counting.evaluate(ReportingRound.objects.order_by("-opens_on", "-pk"))
        rounds = [one.round for one in evaluation.rounds]
        if chosen_pk is not None and evaluation.round(chosen_pk) is None:
            raise Http404(_("There is no such reporting round."))
        chosen = evaluation.round(chosen_pk) if chosen_pk else next(
            # By default the newest round whose reports moved something.
            (one for one in evaluation.rounds if one.reports[ReportStatus.ACCEPTED]),
            evaluation.rounds[0] if evaluation.rounds else None)
        context.update(
            evaluation=evaluation, chosen=chosen, rounds=rounds,
            reports_chart=reports_chart(evaluation),
            adoption_charts=[adoptions_over_time_chart(evaluation),
                             adoptions_by_source_chart(evaluation),
                             adoptions_by_solution_chart(evaluation)],
            formats=FORMATS)
        if chosen is not None:
            context.update(
                round_status=RoundStatus(chosen.round.status).label,
                move_charts=[moves_chart(chosen),
                             *(moves_by_chart(chosen, one) for one in counting.DIMENSIONS)])
        return context

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


def export(request: HttpRequest, file_format: str) -> HttpResponse:
    """Every figure of the page as rows (CSV or XLSX), of every round or ``?round=``."""
    if not permissions.can_see_evaluation(request.user):
        raise PermissionDenied
    if file_format not in FORMATS:
        return HttpResponse(_("Exports are available as csv or xlsx."), status=400,
                            content_type="text/plain; charset=utf-8")
    evaluation = counting.evaluate(rounds_asked(request))
    return export_evaluation(evaluation, file_format, evaluation.rounds[0].round.title
                             if asked_round(request) and evaluation.rounds else "")


class EvaluatorMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.can_see_evaluation(request.user)


def evaluation_menu_item() -> MenuItem:
    return EvaluatorMenuItem(gettext_lazy("Evaluation"), reverse("repository_reporting_evaluation"),
                             name="reporting-evaluation", icon_name="table", order=110)


def admin_urls() -> list:
    return [
        path("reporting/evaluation/", EvaluationView.as_view(),
             name="repository_reporting_evaluation"),
        path("reporting/evaluation/export.<str:file_format>", export,
             name="repository_reporting_evaluation_export"),
    ]
