"""The repository's panels on the admin dashboard: adoptions municipalities reported
(for the editors and the teams who review them) and solutions not confirmed for six
months (home.dashboard draws them)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from home.dashboard import OLDEST_SHOWN, DashboardItem, DashboardPanel
from repository.adoption_reports.admin_views import pending_report_count
from repository.adoption_reports.permissions import (
    is_editor,
    may_review_any,
    reviewable,
    team_project_keys,
)
from repository.freshness import unconfirmed
from repository.models import SolutionIndexPage, SolutionPage
from repository.models.adoptions import ReviewState
from repository.models.questions import Question
from repository.questions.admin_views import unanswered_count


def adoption_reports_panel(request: Any) -> DashboardPanel:
    listing = reverse("repository_adoption_reports:list")
    pending = (reviewable(request.user).filter(review_state=ReviewState.PENDING)
               .select_related("municipality", "solution").order_by("created_at", "pk"))
    items = [DashboardItem(adoption.municipality.name, f"{listing}#report-{adoption.pk}",
                           f"{adoption.solution.title} · {adoption.get_status_display()}",
                           adoption.created_at) for adoption in pending[:OLDEST_SHOWN]]
    return DashboardPanel(
        name="adoption-reports", heading=_("Reported adoptions"),
        count=pending_report_count(request.user), items=items, link_url=listing,
        link_label=_("Review the reports"), order=130, icon="success")


def unconfirmed_solutions(user: Any) -> Any:
    """Live solutions in the default language not confirmed for six months, never
    confirmed ones first: all for editors, a team's own for a team."""
    solutions = unconfirmed(SolutionPage.objects.live().filter(
        locale__language_code=settings.LANGUAGE_CODE))
    if not is_editor(user):
        solutions = solutions.filter(model_project__translation_key__in=team_project_keys(user))
    return solutions.order_by("last_confirmed", "first_published_at", "pk")


def unconfirmed_solutions_panel(request: Any) -> DashboardPanel:
    solutions = unconfirmed_solutions(request.user).select_related("model_project")
    items = [DashboardItem(
        solution.title, reverse("wagtailadmin_pages:edit", args=[solution.pk]),
        _("Not confirmed since %(day)s") % {
            "day": formats.date_format(solution.last_confirmed, "DATE_FORMAT")}
        if solution.last_confirmed else _("Never confirmed"),
        None) for solution in solutions[:OLDEST_SHOWN]]
    index = SolutionIndexPage.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE).order_by("path").first()
    return DashboardPanel(
        name="unconfirmed-solutions", heading=_("Solutions not confirmed for six months"),
        count=solutions.count(), items=items,
        link_url=reverse("wagtailadmin_explore", args=[index.pk]) if index else
        reverse("wagtailadmin_explore_root"),
        link_label=_("Open the solutions"), order=140, icon="time")


def unanswered_questions_panel(request: Any) -> DashboardPanel:
    """Questions nobody answered within a week: the office steps in."""
    listing = reverse("repository_questions:list")
    waiting = (Question.objects.waiting_too_long().select_related("solution")
               .order_by("created_at", "pk"))
    items = [DashboardItem(question.solution.title, reverse("repository:question",
                                                             args=[question.pk]),
                           question.text[:120], question.created_at)
             for question in waiting[:OLDEST_SHOWN]]
    return DashboardPanel(
        name="unanswered-questions", heading=_("Questions unanswered for a week"),
        count=unanswered_count(request.user), items=items,
        link_url=f"{listing}?shown=waiting", link_label=_("Open the questions"), order=150,
        icon="help")


def add_panels(request: Any, panels: list) -> None:
    """``construct_homepage_panels``: only the panels the signed-in user can act on."""
    if may_review_any(request.user):
        panels.append(adoption_reports_panel(request))
        panels.append(unconfirmed_solutions_panel(request))
    if is_editor(request.user):
        panels.append(unanswered_questions_panel(request))
