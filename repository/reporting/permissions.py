"""Who may see and write which report: the one place every view, endpoint, export and
e-mail of the reporting rounds asks.

A project's team is the project's Wagtail group (repository.teams); the lead is the team
member whose role (``TeamMember``) says so. Editors are those with the right to change
reports (the "Editors" group, repository 0009). The evaluation of the rounds (figures,
never a report's words) is for those with its own right: editors and the "Evaluation
partners" group (repository 0012)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from repository.models import ModelProjectPage, Report, TeamMember, TeamRole

REVIEW_PERMISSION = "repository.change_report"
EVALUATION_PERMISSION = "repository.view_evaluation"


def is_reviewer(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active and user.has_perm(REVIEW_PERMISSION))


def can_see_evaluation(user: Any) -> bool:
    return bool(user.is_authenticated and user.is_active
                and user.has_perm(EVALUATION_PERMISSION))


def team_project_ids(user: Any) -> set[int]:
    """The model projects (the pages that carry the team) whose team ``user`` is in."""
    if not (user.is_authenticated and user.is_active):
        return set()
    return set(ModelProjectPage.objects.filter(team__user=user, team__isnull=False)
               .values_list("pk", flat=True))


def visible_reports(user: Any) -> QuerySet[Report]:
    """The reports ``user`` may read: every one for reviewers, their projects' for team
    members, none for anybody else."""
    reports = Report.objects.all()
    if is_reviewer(user):
        return reports
    return reports.filter(project_id__in=team_project_ids(user))


def can_edit(user: Any, report: Report) -> bool:
    return report.editable and report.project_id in team_project_ids(user)


def is_lead(user: Any, report: Report) -> bool:
    return (report.project_id in team_project_ids(user) and TeamMember.objects.filter(
        project_id=report.project_id, user=user, role=TeamRole.LEAD).exists())


def can_submit(user: Any, report: Report) -> bool:
    return report.editable and is_lead(user, report)


def team_of(report: Report) -> QuerySet:
    """The active members of the report's project team: who hears about the report."""
    team_id = report.project.team_id
    return get_user_model().objects.filter(groups=team_id, is_active=True).order_by("pk")
