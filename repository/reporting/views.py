"""The report form on the site, for the project's team: every member writes and saves a
draft, the lead submits. Others get a 404, as if the report did not exist; reviewers read
it here and review it in the admin. Never cached, never indexed."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from repository.models import Indicator, Report, ReportStatus
from repository.models.base import in_locale
from repository.reporting import permissions, service
from repository.reporting.forms import ReportForm
from repository.reporting.models import RoundStatus


def _private(response: HttpResponse) -> HttpResponse:
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _shown_indicators(indicators: list[Indicator]) -> dict[int, Indicator]:
    locale = Locale.objects.filter(language_code=translation.get_language()).first()
    if locale is None:
        return {}
    return {german.pk: shown for german, shown in zip(
        indicators, in_locale(indicators, locale.pk), strict=True)}


def team_reports(user: Any) -> list[Report]:
    """The reports of the member's projects in rounds that have opened, newest first."""
    today = timezone.localdate()
    return [report for report in Report.objects
            .filter(project_id__in=permissions.team_project_ids(user))
            .select_related("round", "project").order_by("-round__due_on", "project__title")
            if report.round.status_on(today) != RoundStatus.UPCOMING]


def account_context(request: HttpRequest) -> dict[str, Any] | None:
    """The account page's section (community.account): only for team members."""
    reports = team_reports(request.user)
    return {"reports": reports} if reports else None


@login_required
@require_GET
def my_reports(request: HttpRequest) -> HttpResponse:
    return _private(render(request, "repository/reporting/list.html",
                           {"reports": team_reports(request.user)}))


@login_required
@require_http_methods(["GET", "POST"])
def report_form(request: HttpRequest, report_id: int) -> HttpResponse:
    report = (permissions.visible_reports(request.user).select_related("round", "project")
              .filter(pk=report_id).first())
    today = timezone.localdate()
    if report is None or report.round.status_on(today) == RoundStatus.UPCOMING:
        raise Http404(_("There is no report at this address."))
    solutions = service.solutions_of(report.project)
    pairs = [(solution, service.indicators_for(solution)) for solution in solutions]
    shown = _shown_indicators([one for _solution, indicators in pairs for one in indicators])
    may_edit = permissions.can_edit(request.user, report)
    may_submit = permissions.can_submit(request.user, report)
    form = ReportForm(report, pairs, request.POST if request.method == "POST" else None,
                      shown=shown)
    if not may_edit:
        for field in form.fields.values():
            field.disabled = True
    context: dict[str, Any] = {
        "report": report, "form": form, "may_edit": may_edit, "may_submit": may_submit,
        "submitted": report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)}
    if request.method == "GET":
        return _private(render(request, "repository/reporting/form.html", context))
    submit = request.POST.get("action") == "submit"
    if not may_edit or (submit and not may_submit):
        context["refusal"] = (_("Only the project's lead submits the report.") if may_edit
                              else _("This report can no longer be changed."))
        return _private(render(request, "repository/reporting/form.html", context, status=403))
    valid = form.check_complete() if submit else form.is_valid()
    if not valid:
        return _private(render(request, "repository/reporting/form.html", context, status=400))
    try:
        service.save(report, request.user, progress=form.cleaned_data["progress"],
                     answers=form.question_answers(), solutions=form.solution_inputs(),
                     submit=submit)
    except service.ReportError as error:
        context["refusal"] = str(error)
        return _private(render(request, "repository/reporting/form.html", context, status=409))
    messages.success(request, _("The report has been submitted to the office. Thank you!")
                     if submit else _("Your draft is saved."))
    return redirect("repository:report", report_id=report.pk)
