"""The member's side: the report form on its own page (where the solution page's form
posts to, and where errors are shown), without JavaScript."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from home.limits import exceeded
from repository.adoption_reports.forms import AdoptionReportForm
from repository.adoption_reports.permissions import reporting_municipality
from repository.adoption_reports.service import (
    ReportRefused,
    existing_report,
    report_adoption,
)
from repository.models import SolutionPage

# Like posts (community.discussions): enough for a member's honest use, not for a flood.
REPORTS_PER_HOUR = 10
TEMPLATE = "repository/adoption_report.html"


def report_context(request: HttpRequest, solution: SolutionPage) -> dict[str, Any]:
    """What the solution page shows about reporting: to anonymous readers a way to sign
    in, to a member without a municipality a way to name it, to a member of the
    developing or an already recorded municipality what stands, else the form."""
    user = request.user
    if not user.is_authenticated:
        return {"sign_in_url": f"{reverse('community:login')}?next={solution.url}"}
    municipality = reporting_municipality(user)
    if municipality is None:
        return {"profile_url": reverse("community:edit_profile")}
    context: dict[str, Any] = {"municipality": municipality,
                               "action": reverse("repository:report_adoption",
                                                 args=[solution.pk])}
    if solution.model_project.municipality_id == municipality.pk:
        context["developer"] = True
    else:
        context["existing"] = existing_report(solution, municipality)
        if context["existing"] is None:
            context["form"] = AdoptionReportForm()
    return context


@login_required
@require_http_methods(["GET", "POST"])
def report(request: HttpRequest, solution_id: int) -> HttpResponse:
    solution = get_object_or_404(SolutionPage.objects.live().public()
                                 .select_related("model_project"), pk=solution_id)
    context = {"page": solution, "report": report_context(request, solution)}
    if "form" not in context["report"]:
        return render(request, TEMPLATE, context, status=403)
    if request.method == "GET":
        return render(request, TEMPLATE, context)
    form = context["report"]["form"] = AdoptionReportForm(request.POST)
    if not form.is_valid():
        return render(request, TEMPLATE, context, status=400)
    if exceeded("repository:adoption-reports", f"{REPORTS_PER_HOUR}/h",
                by=f"member:{request.user.pk}"):
        form.add_error(None, _("You have sent many reports. Please wait an hour and send "
                               "again."))
        return render(request, TEMPLATE, context, status=429)
    try:
        report_adoption(solution, request.user, **form.cleaned_data)
    except ReportRefused as refused:
        form.add_error(None, refused.message)
        return render(request, TEMPLATE, context, status=400)
    messages.success(request, _("Thank you. The office and the model project will check your "
                                "report; once confirmed it appears in the reuse ledger."))
    return redirect(f"{solution.url}#adoption-report-heading")
