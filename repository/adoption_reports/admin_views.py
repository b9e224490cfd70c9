"""Reported adoptions in the admin: the office's editors see every report, a model
project's team only those on its own solutions; each confirms or rejects the pending ones
(repository.adoption_reports.service.decide)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from home.admin_lists import ListColumn, list_columns
from repository.adoption_reports.permissions import may_review_any, reviewable
from repository.adoption_reports.service import ReportRefused, decide
from repository.models.adoptions import ReviewState

PER_PAGE = 50
COLUMNS = list_columns(
    ListColumn("municipality", gettext_lazy("Municipality")),
    ListColumn("solution", gettext_lazy("Solution")),
    ListColumn("status", gettext_lazy("Status")),
    ListColumn("reason", gettext_lazy("Why")),
    ListColumn("contact", gettext_lazy("Contact person")),
    ListColumn("reported", gettext_lazy("Reported")),
    ListColumn("decision", gettext_lazy("Decision")))
SHOWN = {"pending": [ReviewState.PENDING],
         "decided": [ReviewState.CONFIRMED, ReviewState.REJECTED]}


def pending_report_count(user: Any) -> int:
    """What the menu badge and the dashboard count: reports waiting for this user."""
    return reviewable(user).filter(review_state=ReviewState.PENDING).count()


def reports_list(request: HttpRequest) -> HttpResponse:
    if not may_review_any(request.user):
        raise PermissionDenied
    shown = request.GET.get("shown", "pending")
    if shown not in SHOWN:
        shown = "pending"
    reports = (reviewable(request.user).filter(review_state__in=SHOWN[shown])
               .select_related("municipality", "solution", "reported_by__member_profile",
                               "decided_by")
               .order_by("created_at", "pk"))
    page = Paginator(reports, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "repository/admin/adoption_reports.html", {
        "rows": list(page), "page_obj": page, "shown": shown, **COLUMNS,
        "header_title": _("Reported adoptions"), "page_title": _("Reported adoptions"),
        "header_icon": "success",
    })


@require_POST
def decide_report(request: HttpRequest, adoption_id: int) -> HttpResponse:
    # Someone else's report is not found at all: a team learns nothing of other projects.
    adoption = get_object_or_404(reviewable(request.user), pk=adoption_id)
    decision = request.POST.get("decision")
    if decision not in ("confirm", "reject"):
        messages.error(request, _("Choose to confirm or to reject the report."))
        return redirect(reverse("repository_adoption_reports:list"))
    try:
        decide(adoption, confirm=decision == "confirm", by=request.user)
    except ReportRefused as refused:
        messages.error(request, refused.message)
        return redirect(reverse("repository_adoption_reports:list"))
    done = (_("%(municipality)s's report confirmed: it is now in the reuse ledger.")
            if decision == "confirm" else _("%(municipality)s's report rejected."))
    messages.success(request, done % {"municipality": adoption.municipality.name})
    return redirect(reverse("repository_adoption_reports:list"))

