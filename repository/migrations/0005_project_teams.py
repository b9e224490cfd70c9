"""Model-project teams (repository.teams): the shared group "Model-project teams" with
what every team needs in the admin (the admin itself, adding and choosing images and
documents), and for every model project that exists already a group of its own that may
edit the project's page and add solutions under it, but not publish.

Idempotent; the groups stay editable. Reverse: the field goes, the groups stay (people's
memberships are the office's data)."""

import django.db.models.deletion
from django.db import migrations, models

from home.roles import create_missing_permissions, grant_file_permissions

MODEL_PROJECT_TEAMS = "Model-project teams"
TEAM_PREFIX = "Model-project team: "
TEAM_PAGE_ACTIONS = ["add_page", "change_page"]
FILE_ACTIONS = [("wagtailimages", "image", ["add", "choose"]),
                ("wagtaildocs", "document", ["add", "choose"])]


def grant_roles(apps, schema_editor):
    create_missing_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    shared = Group.objects.get_or_create(name=MODEL_PROJECT_TEAMS)[0]
    shared.permissions.add(*Permission.objects.filter(content_type__app_label="wagtailadmin",
                                                      codename="access_admin"))
    grant_file_permissions(apps, shared, FILE_ACTIONS)
    ModelProjectPage = apps.get_model("repository", "ModelProjectPage")
    page_actions = list(Permission.objects.filter(content_type__app_label="wagtailcore",
                                                  codename__in=TEAM_PAGE_ACTIONS))
    seen = set()
    for project in ModelProjectPage.objects.order_by("pk"):
        if project.translation_key in seen:
            continue
        seen.add(project.translation_key)
        if ModelProjectPage.objects.filter(translation_key=project.translation_key,
                                           team__isnull=False).exists():
            continue
        name = (TEAM_PREFIX + project.title)[:140]
        if Group.objects.filter(name=name).exists():  # another project of that title
            name = f"{name} ({project.pk})"
        team = Group.objects.create(name=name)
        for permission in page_actions:
            GroupPagePermission.objects.get_or_create(group=team, page_id=project.pk,
                                                      permission=permission)
        ModelProjectPage.objects.filter(pk=project.pk).update(team=team)


class Migration(migrations.Migration):

    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("repository", "0004_editorial_roles"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [
        migrations.AddField(
            model_name="modelprojectpage",
            name="team",
            field=models.ForeignKey(
                blank=True, editable=False, null=True,
                on_delete=django.db.models.deletion.SET_NULL, related_name="model_projects",
                to="auth.group", verbose_name="project team"),
        ),
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
