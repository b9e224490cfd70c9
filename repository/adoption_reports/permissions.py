"""Who may report adoptions and who reviews them: the one place every view, the admin
list and the API ask."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from repository.models import Adoption, ModelProjectPage, SolutionPage
from repository.models.adoptions import AdoptionSource

# Editors of the office: they keep the reuse ledger (repository 0004).
LEDGER_PERMISSION = "repository.change_adoption"


def is_editor(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active
                and (user.is_superuser or user.has_perm(LEDGER_PERMISSION)))


def reporting_municipality(user: Any) -> Any:
    """The municipality a signed-in member reports for (their profile's), or None."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    profile = getattr(user, "member_profile", None)
    return profile.municipality if profile is not None else None


def team_project_keys(user: Any) -> set[Any]:
    """Translation keys of the model projects whose team the user belongs to."""
    if not (user and user.is_authenticated and user.is_active):
        return set()
    return set(ModelProjectPage.objects.filter(team__user=user)
               .values_list("translation_key", flat=True))


def reviewable(user: Any) -> QuerySet[Adoption]:
    """Self-reported adoptions the user may confirm or reject: all for editors, those of
    their own projects' solutions for a project team, none for anyone else."""
    reports = Adoption.objects.exclude(source=AdoptionSource.OFFICE)
    if is_editor(user):
        return reports
    keys = team_project_keys(user)
    if not keys:
        return reports.none()
    return reports.filter(solution__model_project__translation_key__in=keys)


def may_review(user: Any, adoption: Adoption) -> bool:
    return reviewable(user).filter(pk=adoption.pk).exists()


def may_review_any(user: Any) -> bool:
    return is_editor(user) or bool(team_project_keys(user))


def developing_team(solution: SolutionPage) -> QuerySet:
    """The active accounts in the team of the model project that developed the solution."""
    team_id = solution.model_project.team_id
    users = get_user_model().objects.filter(is_active=True)
    return users.none() if team_id is None else users.filter(groups=team_id)
