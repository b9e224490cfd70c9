"""The repository's signal handlers, connected when the app is ready."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models.signals import m2m_changed, post_save

from repository.models import ModelProjectPage
from repository.teams import give_project_a_team, keep_shared_team_group


def connect() -> None:
    post_save.connect(give_project_a_team, sender=ModelProjectPage,
                      dispatch_uid="repository.give_project_a_team")
    m2m_changed.connect(keep_shared_team_group, sender=get_user_model().groups.through,
                        dispatch_uid="repository.keep_shared_team_group")
