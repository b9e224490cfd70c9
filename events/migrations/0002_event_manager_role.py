"""Event managers run Start Smart: the event calendar's pages (add, edit, publish, and so
the registrations, which follow the right to edit an event), expressions of interest,
newsletter subscriptions, and the images and documents events use. Editors get the
interest and newsletter lists too. Calendars created later get the event managers'
page rights when they are created (events.roles).
Idempotent; the group stays editable; reverse: nothing (see home 0003)."""

from django.db import migrations

from home.roles import (
    create_missing_permissions,
    grant_file_permissions,
    grant_model_permissions,
)

EVENT_MANAGERS = "Event managers"
OFFICE_LISTS = [f"events.{action}_{model}"
                for model in ("expressionofinterest", "newslettersubscription")
                for action in ("view", "change")]
ROLES = {
    EVENT_MANAGERS: OFFICE_LISTS + ["wagtailadmin.access_admin"],
    "Editors": OFFICE_LISTS,
}
CALENDAR_ACTIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
FILE_ACTIONS = [("wagtailimages", "image", ["add", "choose"]),
                ("wagtaildocs", "document", ["add", "choose"])]


def grant_roles(apps, schema_editor):
    create_missing_permissions(apps)
    grant_model_permissions(apps, ROLES)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    managers = Group.objects.get(name=EVENT_MANAGERS)
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    for calendar in apps.get_model("events", "EventIndexPage").objects.all():
        for permission in Permission.objects.filter(content_type__app_label="wagtailcore",
                                                    codename__in=CALENDAR_ACTIONS):
            GroupPagePermission.objects.get_or_create(group=managers, page_id=calendar.pk,
                                                      permission=permission)
    grant_file_permissions(apps, managers, FILE_ACTIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("events", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
