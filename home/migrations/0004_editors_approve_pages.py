"""Editors, not the community's moderators, approve pages submitted for moderation.

Wagtail's own migrations make a "Moderators approval" workflow for every page tree that
a group may publish, with Wagtail's default "Moderators" group as approvers. Here that
group moderates the community only (home 0003), yet through the workflow it could still
approve, and so publish, any page a translator or a model-project team submits. The
approval tasks are given to the editors instead.

Idempotent: only tasks that name the moderators are changed. Reverse: the moderators
approve again (what Wagtail had set up)."""

from django.db import migrations

EDITORS, MODERATORS = "Editors", "Moderators"
OLD_NAME, NEW_NAME = "Moderators approval", "Editors approval"


def swap(apps, old_group: str, new_group: str, old_name: str, new_name: str) -> None:
    Group = apps.get_model("auth", "Group")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    old = Group.objects.filter(name=old_group).first()
    new = Group.objects.get_or_create(name=new_group)[0]
    if old is None:
        return
    for task in GroupApprovalTask.objects.filter(groups=old):
        task.groups.remove(old)
        task.groups.add(new)
        if task.name == old_name:
            task.name = new_name
            task.save(update_fields=["name"])
    Workflow.objects.filter(name=old_name).update(name=new_name)


def editors_approve(apps, schema_editor):
    swap(apps, MODERATORS, EDITORS, OLD_NAME, NEW_NAME)


def moderators_approve(apps, schema_editor):
    swap(apps, EDITORS, MODERATORS, NEW_NAME, OLD_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_editorial_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(editors_approve, moderators_approve)]
