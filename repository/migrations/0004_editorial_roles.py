"""Editors manage the repository's snippets: topics and the reuse ledger (adoptions).
Pages are covered by the editors' page permissions (home's roles migration).
Idempotent; the group stays editable; reverse: nothing (see home 0003)."""

from django.db import migrations

from home.roles import create_missing_permissions, grant_model_permissions

ROLES = {
    "Editors": [f"repository.{action}_{model}" for model in ("topic", "adoption")
                for action in ("add", "change", "delete")],
}


def grant_roles(apps, schema_editor):
    create_missing_permissions(apps)
    grant_model_permissions(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("repository", "0003_solution_downloads"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
