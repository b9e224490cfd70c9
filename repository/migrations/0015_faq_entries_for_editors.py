"""Editors correct, translate and delete the solutions' FAQ entries in the admin (entries
are made by promoting a question, never added there). Idempotent; the group stays
editable; reverse: nothing is taken away (see home 0003)."""

from django.db import migrations, models

from home.roles import create_missing_permissions, grant_model_permissions

ROLES = {"Editors": [f"repository.{action}_faqentry" for action in ("change", "delete",
                                                                     "view")]}


def grant_roles(apps, schema_editor):
    create_missing_permissions(apps)
    grant_model_permissions(apps, ROLES)


class Migration(migrations.Migration):

    dependencies = [
        ("repository", "0014_question_reports"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [
        migrations.AlterField(
            model_name="faqentry",
            name="answer_text",
            field=models.TextField(help_text="Simple formatting: *emphasis*, lists, links.",
                                   max_length=5000, verbose_name="answer"),
        ),
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
