"""What the role migrations of every plugin share."""

from __future__ import annotations

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
