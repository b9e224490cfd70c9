"""What the role migrations of every plugin share.

Applied migrations call these functions: what a function does must stay as it is (a new
need gets a new function), or an old migration would grant something else than it did.
The migrations pass their historical app registry (``apps``) throughout."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.management import create_permissions


def create_missing_permissions(apps: Any) -> None:
    """Create the permissions of every app now, as ``migrate`` would only after it ends
    (post_migrate), so that a data migration on a fresh database can grant them.

    ``create_permissions`` skips apps without a models module, which the historical
    app registry of a migration never has; each app's own value is put back afterwards,
    so calling this with the live registry (as the tests do) leaves it as it was."""
    for app_config in apps.get_app_configs():
        original = getattr(app_config, "models_module", None)
        app_config.models_module = original or True
        try:
            create_permissions(app_config, apps=apps, verbosity=0)
        finally:
            app_config.models_module = original


def grant_model_permissions(apps: Any, roles: Mapping[str, Iterable[str]]) -> None:
    """Each group named in ``roles`` (created where missing) gets the permissions listed
    for it as ``"app_label.codename"``; one that does not exist is passed over. Adds only,
    so that it can run again and leaves what the office granted since."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, dotted_names in roles.items():
        group = Group.objects.get_or_create(name=name)[0]
        for dotted in dotted_names:
            app_label, codename = dotted.split(".")
            group.permissions.add(*Permission.objects.filter(
                content_type__app_label=app_label, codename=codename))


def grant_file_permissions(apps: Any, group: Any,
                           file_actions: Iterable[tuple[str, str, Iterable[str]]]) -> None:
    """``group`` gets, on the root collection (so on every collection), the actions on
    images and documents listed as ``(app_label, model, [action, …])``, e.g.
    ``("wagtailimages", "image", ["add", "choose"])``. Nothing where there is no root
    collection yet. Idempotent."""
    Permission = apps.get_model("auth", "Permission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    collection = apps.get_model("wagtailcore", "Collection").objects.filter(depth=1).first()
    if collection is None:
        return
    for app_label, model, actions in file_actions:
        for permission in Permission.objects.filter(
                content_type__app_label=app_label,
                codename__in=[f"{action}_{model}" for action in actions]):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=permission)
