"""Index health for operators: documents per content type in the sources, the
database's index and the engine; open and failed index jobs; the last rebuilds."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from search.client import get_client, search_engine_configured
from search.index import alias_name, indices_behind_alias
from search.models import IndexRebuild, IndexRepair, SearchDocument
from search.sources import registered_sources
from search.sync import pending_for_engine

FAILED_SHOWN = 20


def may_see_index_health(user: Any) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("search.view_indexrebuild"))


def engine_counts() -> tuple[dict[str, int] | None, str, list[str]]:
    """Documents per content type in the engine, its state, and the live index."""
    if not search_engine_configured():
        return None, _("not configured (database search)"), []
    try:
        with get_client(timeout=settings.SEARCH_SYNC_TIMEOUT) as client:
            live = indices_behind_alias(client)
            if not live:
                return {}, _("reachable, no index yet"), []
            response = client.search(index=alias_name(), size=0, aggs={
                "types": {"terms": {"field": "source", "size": 100}}})
    except Exception as error:
        return None, _("unreachable: %(error)s") % {"error": type(error).__name__}, []
    buckets = response["aggregations"]["types"]["buckets"]
    return {bucket["key"]: bucket["doc_count"] for bucket in buckets}, _("reachable"), live


def index_health(request: HttpRequest) -> HttpResponse:
    if not may_see_index_health(request.user):
        raise PermissionDenied
    documents = dict(SearchDocument.objects.filter(removed=False).exclude(content_hash="")
                     .values_list("source").annotate(total=Count("pk")))
    in_engine, engine_state, live = engine_counts()
    rows = []
    for source in registered_sources():
        expected = source.queryset().count()
        indexed = documents.get(source.name, 0)
        engine = in_engine.get(source.name, 0) if in_engine is not None else None
        rows.append({"label": source.label, "name": source.name, "expected": expected,
                     "documents": indexed, "engine": engine,
                     "in_step": engine in (None, indexed)})
    pending = pending_for_engine()
    failed = pending.filter(attempts__gt=0).order_by("-attempts", "key")
    context = {
        "rows": rows,
        "engine_state": engine_state,
        "live_index": ", ".join(live),
        "stale": SearchDocument.objects.filter(stale=True).count(),
        "pending": pending.count() if search_engine_configured() else 0,
        "failed_count": failed.count() if search_engine_configured() else 0,
        "failed": list(failed[:FAILED_SHOWN]) if search_engine_configured() else [],
        "rebuilds": list(IndexRebuild.objects.all()[:5]),
        "repairs": list(IndexRepair.objects.all()[:5]),
    }
    return render(request, "search/admin/index_health.html", context)
