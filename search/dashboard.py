"""The search plugin's panel on the admin dashboard: index changes the engine refused
(they are retried with a growing pause; the panel tells operators before readers
notice). Shown to those who may see the index health (home.dashboard draws it)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from home.dashboard import OLDEST_SHOWN, DashboardItem, DashboardPanel
from search.admin_views import may_see_index_health
from search.models import SearchDocument
from search.sync import pending_for_engine


def failed_sync_jobs() -> QuerySet[SearchDocument]:
    """Open index jobs with at least one failed attempt, the longest-failing first (as
    the index health view counts them)."""
    return pending_for_engine().filter(attempts__gt=0).order_by("updated_at", "pk")


def failed_sync_panel(request: Any) -> DashboardPanel:
    failed = failed_sync_jobs()
    items = [DashboardItem(
        row.title or row.key, reverse("search_index_health"),
        _("%(attempts)d attempts: %(error)s") % {"attempts": row.attempts,
                                                 "error": row.last_error[:120]},
        row.updated_at) for row in failed[:OLDEST_SHOWN]]
    return DashboardPanel(
        name="failed-search-sync", heading=_("Failed search index changes"),
        count=failed.count(), items=items, link_url=reverse("search_index_health"),
        link_label=_("Open the index health"), order=160, icon="search")


def add_panels(request: Any, panels: list) -> None:
    if may_see_index_health(request.user):
        panels.append(failed_sync_panel(request))
