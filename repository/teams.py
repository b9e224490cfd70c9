"""Model-project teams: the people of one model project who write its pages.

Every model project gets a group of its own ("Model-project team: <project>") with the
right to edit the project's page and add solutions under it, but not to publish: what a
team writes goes through the editors' approval (the default workflow, home 0004). What
every team needs in the admin besides (the admin itself, adding and choosing images and
documents) sits in the shared group "Model-project teams" (repository 0005), so the
office changes it once for all teams. Whoever is put in a project's group is put in the
shared group too, and taken out of it with their last project.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

from repository.models import ModelProjectPage

MODEL_PROJECT_TEAMS = "Model-project teams"
TEAM_PREFIX = "Model-project team: "
TEAM_PAGE_ACTIONS = ["add_page", "change_page"]


def team_name(project: ModelProjectPage) -> str:
    """The project's title, or with its id too when another group has that name."""
    name = (TEAM_PREFIX + project.title)[:140]  # room for the id within the 150 allowed
    return f"{name} ({project.pk})" if Group.objects.filter(name=name).exists() else name


def give_project_a_team(sender: Any, instance: Any, created: bool, raw: bool = False,
                        **kwargs: Any) -> None:
    """post_save of a model project: the page created first among its translations gets
    a team group; translations are the translators' work."""
    if not created or raw or instance.team_id is not None:
        return
    if ModelProjectPage.objects.filter(translation_key=instance.translation_key,
                                       team__isnull=False).exists():
        return
    team = Group.objects.create(name=team_name(instance))
    for permission in Permission.objects.filter(content_type__app_label="wagtailcore",
                                                codename__in=TEAM_PAGE_ACTIONS):
        GroupPagePermission.objects.get_or_create(group=team, page=instance,
                                                  permission=permission)
    ModelProjectPage.objects.filter(translation_key=instance.translation_key).update(team=team)
    instance.team = team


def team_groups(group_ids: set[int]) -> set[int]:
    return set(ModelProjectPage.objects.filter(team_id__in=group_ids)
               .values_list("team_id", flat=True))


def keep_shared_team_group(sender: Any, instance: Any, action: str, reverse: bool,
                           pk_set: set[int] | None, **kwargs: Any) -> None:
    """m2m_changed of users' groups, from either side (``user.groups`` or
    ``group.user_set``): membership of the shared group follows the project groups."""
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    shared = Group.objects.filter(name=MODEL_PROJECT_TEAMS).first()
    if shared is None:  # the office removed the role: nothing to keep in step
        return
    if reverse:
        if instance.pk not in team_groups({instance.pk}):
            return
        users = instance.user_set.model.objects.filter(pk__in=pk_set or ())
    else:
        if action != "post_clear" and not team_groups(set(pk_set or ())):
            return
        users = [instance]
    for user in users:
        in_a_team = bool(team_groups(set(user.groups.values_list("pk", flat=True))))
        if in_a_team:
            user.groups.add(shared)
        elif action != "post_add":
            user.groups.remove(shared)
