"""Index health for operators: documents per content type in the sources, the
database's index and the engine; open and failed index jobs; the last rebuilds."""

from __future__ import annotations

import logging
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from home.admin_lists import ListColumn, list_columns
from search.client import get_client, search_engine_configured
from search.index import alias_name, indices_behind_alias
from search.index_report import explain_differences
from search.models import IndexRebuild, IndexRepair, SearchDocument
from search.reconcile import ReconcileReport, reconcile
from search.sources import registered_sources
from search.sync import pending_for_engine

logger = logging.getLogger(__name__)

FAILED_SHOWN = 20
# The documents per content type, in the admin's one list table (home/admin_lists.py): on a
# phone each content type stacks into a card, so "Why they differ" stays in view.
DOCUMENT_COLUMNS = list_columns(
    ListColumn("content_type", gettext_lazy("Content type")),
    ListColumn("expected", gettext_lazy("Published (database)")),
    ListColumn("documents", gettext_lazy("Search documents")),
    ListColumn("engine", gettext_lazy("In the engine")),
    ListColumn("reasons", gettext_lazy("Why they differ")))


def may_see_index_health(user: Any) -> bool:
    return user.is_active and (user.is_superuser or user.has_perm("search.view_indexrebuild"))


def may_reconcile(user: Any) -> bool:
    """Reconciling rebuilds every document and writes to the engine: for operators who
    may start a rebuild, not for everyone who may read the report."""
    return user.is_active and (user.is_superuser or user.has_perm("search.add_indexrebuild"))


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
    sources = registered_sources()
    differences = explain_differences(sources)
    for source in sources:
        expected = source.queryset().count()
        indexed = documents.get(source.name, 0)
        engine = in_engine.get(source.name, 0) if in_engine is not None else None
        rows.append({"label": source.label, "name": source.name, "expected": expected,
                     "documents": indexed, "engine": engine,
                     "in_step": engine in (None, indexed),
                     "differences": differences[source.name]})
    pending = pending_for_engine()
    failed = pending.filter(attempts__gt=0).order_by("-attempts", "key")
    context = {
        "rows": rows,
        **DOCUMENT_COLUMNS,
        "engine_state": engine_state,
        "live_index": ", ".join(live),
        "stale": SearchDocument.objects.filter(stale=True).count(),
        "pending": pending.count() if search_engine_configured() else 0,
        "failed_count": failed.count() if search_engine_configured() else 0,
        "failed": list(failed[:FAILED_SHOWN]) if search_engine_configured() else [],
        "rebuilds": list(IndexRebuild.objects.all()[:5]),
        "repairs": list(IndexRepair.objects.all()[:5]),
        "may_reconcile": may_reconcile(request.user),
    }
    return render(request, "search/admin/index_health.html", context)


def reconcile_summary(report: ReconcileReport) -> list[str]:
    """What a reconcile did, in the operator's language."""
    lines = [_("Database: %(added)d documents were missing, %(vanished)d no longer "
               "existed, %(rebuilt)d were rebuilt.") % {
        "added": report.added, "vanished": report.vanished, "rebuilt": report.rebuilt}]
    if search_engine_configured():
        lines.append(_("Engine: %(missing)d missing, %(outdated)d outdated, %(orphaned)d "
                       "deleted as orphans; %(pushed)d sent.") % {
            "missing": report.missing_in_engine, "outdated": report.outdated_in_engine,
            "orphaned": report.orphaned_in_engine, "pushed": report.pushed})
    return lines


@require_POST
def reconcile_now(request: HttpRequest) -> HttpResponse:
    """Mend every difference now (what ``manage.py search_reconcile`` does), then show the
    report again with what was done."""
    if not may_reconcile(request.user):
        raise PermissionDenied
    try:
        report = reconcile(engine=True)
    except Exception as error:  # the engine went away mid-way: say so, keep the page
        logger.exception("Reconcile from the admin failed")
        messages.error(request, _("The reconcile stopped: %(error)s. The database's "
                                  "documents are rebuilt; the engine catches up at the next "
                                  "sync.") % {"error": type(error).__name__})
        return redirect("search_index_health")
    summary = " ".join(reconcile_summary(report))
    if report.error:
        messages.warning(request, summary + " " + _("The engine did not take every "
                                                   "document: %(error)s") % {
            "error": report.error})
    else:
        messages.success(request, summary)
    return redirect("search_index_health")
