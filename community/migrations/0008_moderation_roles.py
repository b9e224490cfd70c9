"""Moderators moderate the community, and so do editors: every peer group (community
permissions treat whoever may change peer groups as a moderator of each), the reported
posts queue and memberships. Editors also keep the municipalities. Neither role gets
page rights here (editors have them from home's roles migration, moderators none).
Idempotent; the groups stay editable; reverse: nothing (see home 0003)."""

from django.db import migrations

from home.roles import create_missing_permissions, grant_model_permissions

MODERATION = ["community.change_peergrouppage", "community.view_report",
              "community.change_report", "community.view_membership",
              "community.change_membership", "wagtailadmin.access_admin"]
ROLES = {
    "Moderators": MODERATION,
    "Editors": MODERATION + [f"community.{action}_municipality"
                             for action in ("add", "change", "delete")],
}


def grant_roles(apps, schema_editor):
    create_missing_permissions(apps)
    grant_model_permissions(apps, ROLES)


class Migration(migrations.Migration):
    dependencies = [
        ("community", "0007_member_language_and_invitation_notices"),
        ("wagtailadmin", "0006_formstate"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
