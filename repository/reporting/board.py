"""The office's side of the reporting rounds in the admin: the status board (per project
its report's status, last change and reminders sent), the review of one report (accept
or return with a comment) and the export of every answer as CSV or XLSX. Reviewers
only (repository.reporting.permissions); registered in repository.wagtail_hooks."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from repository.models import IndicatorValue, Report, ReportingRound, ReportStatus, SolutionAnswer
from repository.reporting import permissions, service
from repository.reporting.exports import export_round
from repository.reporting.models import RoundStatus, maturity_step


class ReviewerOnly:
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not permissions.is_reviewer(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


def chosen_round(request: HttpRequest) -> ReportingRound | None:
    """The round asked for (``?round=``), else the newest one."""
    rounds = ReportingRound.objects.order_by("-opens_on", "-pk")
    raw = request.GET.get("round", "")
    if raw:
        if not (raw.isascii() and raw.isdigit()) or len(raw) > 18:
            raise Http404(_("There is no such reporting round."))
        return get_object_or_404(rounds, pk=int(raw))
    return rounds.first()


class StatusBoardView(ReviewerOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "repository/reporting/admin/board.html"
    page_title = gettext_lazy("Reporting status board")
    header_icon = "list-ul"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        reporting_round = chosen_round(self.request)
        reports: list[Report] = []
        counts: dict[str, int] = {}
        if reporting_round is not None:
            service.give_every_project_a_report(reporting_round)
            reports = list(reporting_round.reports.select_related(
                "project__municipality", "changed_by").order_by("project__title"))
            counts = dict(reporting_round.reports.order_by().values_list("status")
                          .annotate(count=Count("pk")))
        context.update(
            rounds=ReportingRound.objects.order_by("-opens_on", "-pk"),
            round=reporting_round, reports=reports,
            round_status=RoundStatus(reporting_round.status).label if reporting_round else "",
            counts=[(label, counts.get(value, 0)) for value, label in ReportStatus.choices],
            today=timezone.localdate(),
            may_evaluate=permissions.can_see_evaluation(self.request.user))
        return context

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class ReviewView(ReviewerOnly, WagtailAdminTemplateMixin, TemplateView):
    template_name = "repository/reporting/admin/review.html"
    header_icon = "doc-full"

    def get_page_title(self) -> str:
        return _("Review: %(report)s") % {"report": self.report}

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.report = get_object_or_404(
            Report.objects.select_related("round", "project", "changed_by", "reviewed_by")
            .prefetch_related(Prefetch(
                "solution_answers", SolutionAnswer.objects.select_related("solution")
                .prefetch_related(Prefetch("indicator_values", IndicatorValue.objects
                                           .select_related("indicator"))))),
            pk=kwargs["report_id"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        report = self.report
        given = list(report.answers)
        context.update(
            report=report,
            questions=[(question, given[index] if index < len(given) else "")
                       for index, question in enumerate(report.round.question_list())],
            answers=[(answer, maturity_step(answer.maturity))
                     for answer in report.solution_answers.all()],
            board_url=reverse("repository_reporting_board") + f"?round={report.round_id}",
            reviewable=report.status == ReportStatus.SUBMITTED,
            error=kwargs.get("error"), comment=kwargs.get("comment", ""))
        return context

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items,
                {"url": reverse("repository_reporting_board") + f"?round={self.report.round_id}",
                 "label": _("Reporting status board")},
                {"url": "", "label": str(self.report)}]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        action, comment = request.POST.get("action"), request.POST.get("comment", "")[:2000]
        try:
            if action == "accept":
                service.accept(self.report, request.user, comment)
                messages.success(request, _("The report is accepted; its solutions are "
                                            "confirmed."))
            elif action == "return":
                service.return_for_changes(self.report, request.user, comment)
                messages.success(request, _("The report is returned to the team."))
            else:
                raise service.ReportError(_("Choose to accept or to return the report."))
        except service.ReportError as error:
            response = self.render_to_response(self.get_context_data(error=str(error),
                                                                     comment=comment))
            response.status_code = 400
            return response
        return redirect(reverse("repository_reporting_board") + f"?round={self.report.round_id}")


def export(request: HttpRequest, round_id: int, file_format: str) -> HttpResponse:
    if not permissions.is_reviewer(request.user):
        raise PermissionDenied
    return export_round(get_object_or_404(ReportingRound, pk=round_id), file_format)


class ReviewerMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return permissions.is_reviewer(request.user)


def board_menu_item() -> MenuItem:
    return ReviewerMenuItem(gettext_lazy("Status board"), reverse("repository_reporting_board"),
                            name="reporting-board", icon_name="list-ul", order=100)


def admin_urls() -> list:
    return [
        path("reporting/", StatusBoardView.as_view(), name="repository_reporting_board"),
        path("reporting/reports/<int:report_id>/", ReviewView.as_view(),
             name="repository_reporting_review"),
        path("reporting/rounds/<int:round_id>/export.<str:file_format>", export,
             name="repository_reporting_export"),
    ]
