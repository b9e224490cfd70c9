"""The repository's signal handlers, connected when the app is ready."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_delete, post_save

from repository import working_results
from repository.models import ModelProjectPage, ReportingRound, TeamMember
from repository.reporting.service import give_every_project_a_report
from repository.teams import give_project_a_team, keep_shared_team_group


def open_round(sender: Any, instance: ReportingRound, raw: bool = False, **kwargs: Any) -> None:
    """A round saved in the admin gives every model project its report."""
    if not raw:
        give_every_project_a_report(instance)


def join_team(sender: Any, instance: TeamMember, raw: bool = False, **kwargs: Any) -> None:
    """A team role puts the person into the project's group, which carries the rights."""
    if not raw and instance.project.team_id:
        instance.user.groups.add(instance.project.team_id)


def leave_team(sender: Any, instance: TeamMember, **kwargs: Any) -> None:
    team_id = ModelProjectPage.objects.filter(pk=instance.project_id).values_list(
        "team_id", flat=True).first()
    user = get_user_model().objects.filter(pk=instance.user_id).first()
    if team_id and user is not None:
        user.groups.remove(team_id)


def connect() -> None:
    working_results.connect()
    post_save.connect(give_project_a_team, sender=ModelProjectPage,
                      dispatch_uid="repository.give_project_a_team")
    m2m_changed.connect(keep_shared_team_group, sender=get_user_model().groups.through,
                        dispatch_uid="repository.keep_shared_team_group")
    post_save.connect(open_round, sender=ReportingRound, dispatch_uid="repository.open_round")
    post_save.connect(join_team, sender=TeamMember, dispatch_uid="repository.join_team")
    post_delete.connect(leave_team, sender=TeamMember, dispatch_uid="repository.leave_team")
