"""The office's roles for the pages, files and translations (the site frame's part).

- Editors publish and translate everything: every page (add, edit, publish, lock,
  unlock, delete), images and documents, the site frame's snippets, translations.
- Translators translate but do not publish: they submit pages for translation and edit
  drafts; publishing stays with editors.
- Moderators moderate the community only: Wagtail's default group of that name publishes
  every page (and wagtail-localize lets it submit translations), so its page, file and
  translation permissions are taken away (the community plugin gives it its moderation
  rights).

Idempotent: groups and permissions are created only when missing, so running it on a
database where someone already set the groups up changes nothing they chose beyond
what is listed here. The groups stay editable under Settings → Groups; a later
migration never runs this again. Reverse: nothing (the roles are data the office may
have changed since).
"""

from django.db import migrations

from home.roles import create_missing_permissions

EDITORS, TRANSLATORS, MODERATORS = "Editors", "Translators", "Moderators"
PAGE_ACTIONS = {
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page",
              "bulk_delete_page"],
    TRANSLATORS: ["add_page", "change_page"],
}
COLLECTION_ACTIONS = {
    EDITORS: [("wagtailimages", "image", ["add", "change", "delete", "choose"]),
              ("wagtaildocs", "document", ["add", "change", "delete", "choose"])],
}
MODEL_PERMISSIONS = {
    EDITORS: ["wagtailadmin.access_admin", "wagtail_localize.submit_translation",
              "home.change_sitesettings"] + [
        f"home.{action}_{model}" for model in ("contactperson", "partnerorganisation",
                                               "footertext")
        for action in ("add", "change", "delete")],
    TRANSLATORS: ["wagtailadmin.access_admin", "wagtail_localize.submit_translation"],
}


def permission(apps, dotted):
    Permission = apps.get_model("auth", "Permission")
    app_label, codename = dotted.split(".")
    return Permission.objects.filter(content_type__app_label=app_label,
                                     codename=codename).first()


def grant_roles(apps, schema_editor):
    # Permissions appear after migrate (post_migrate); on a fresh database create them now.
    create_missing_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    root = Page.objects.filter(depth=1).first()
    collection = Collection.objects.filter(depth=1).first()
    groups = {name: Group.objects.get_or_create(name=name)[0]
              for name in (EDITORS, TRANSLATORS, MODERATORS)}
    for name, codenames in PAGE_ACTIONS.items():
        for codename in codenames:
            found = permission(apps, f"wagtailcore.{codename}")
            if root is not None and found is not None:
                GroupPagePermission.objects.get_or_create(group=groups[name], page=root,
                                                          permission=found)
    for name, entries in COLLECTION_ACTIONS.items():
        for app_label, model, actions in entries:
            for action in actions:
                found = permission(apps, f"{app_label}.{action}_{model}")
                if collection is not None and found is not None:
                    GroupCollectionPermission.objects.get_or_create(
                        group=groups[name], collection=collection, permission=found)
    for name, dotted_names in MODEL_PERMISSIONS.items():
        found = [permission(apps, dotted) for dotted in dotted_names]
        groups[name].permissions.add(*[item for item in found if item is not None])
    # Moderators: the community, not the pages, files or translations.
    GroupPagePermission.objects.filter(group=groups[MODERATORS]).delete()
    GroupCollectionPermission.objects.filter(group=groups[MODERATORS]).delete()
    translate = permission(apps, "wagtail_localize.submit_translation")
    if translate is not None:
        groups[MODERATORS].permissions.remove(translate)
    access = permission(apps, "wagtailadmin.access_admin")
    if access is not None:
        groups[MODERATORS].permissions.add(access)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_bilingual_locales"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
