"""The office sees the Akademie's cohorts, completion rates and exports: the editors and
the event managers (who run the sessions' attendance). Idempotent; the groups stay
editable; reverse: nothing (see home 0003)."""

from django.db import migrations

from home.roles import create_missing_permissions, grant_model_permissions

ROLES = {"Editors": ["academy.view_cohorts"],
         "Event managers": ["academy.view_cohorts"]}


def grant_roles(apps, schema_editor):
    create_missing_permissions(apps)
    grant_model_permissions(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("academy", "0001_initial"),
        ("events", "0002_event_manager_role"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
