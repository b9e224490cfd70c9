"""Keeping the index in step with the content, without losing a change.

1. A content change marks documents stale in the database, inside the same
   transaction as the change (`mark_stale`), and asks for a sync once it commits.
2. The sync (`sync_search_index`, run as a django-tasks task) rebuilds stale documents
   from their sources (`refresh_stale_documents`): a row whose object is gone, no longer
   live or no longer visible to anyone becomes a removal.
3. It then sends Elasticsearch what it does not hold yet (`push_pending_documents`).
   When the engine does not answer, the rows keep their pending state, with an attempt
   count and a time for the next try (exponential backoff), and nothing is lost: the
   next sync, the worker's deferred retry or `search_sync` catches up.

While `search_rebuild` loads a new index, every push also goes to that index.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F, Max, Q
from django.dispatch import Signal
from django.utils import timezone

from search.client import get_client, search_engine_configured
from search.healing import engine_state, heal_lost_documents
from search.index import bulk_write, engine_document, ensure_index
from search.models import SearchDocument
from search.sources import (
    PageFrame,
    object_id,
    registered_sources,
    source_for_model,
    source_named,
)
from search.store import store_documents

logger = logging.getLogger(__name__)

CHUNK_SIZE = 200
PUSH_CHUNK_SIZE = 500
RETRY_BASE_SECONDS = 10
RETRY_MAX_SECONDS = 3600
ENGINE_RETRY_AT = "search:engine-retry-at"


# The sync asks for itself to run (after a change commits, or later after a failure)
# by sending this signal; `search.tasks` answers it by enqueueing its task. The task
# runs this module, so the task module depends on this one and not the reverse.
# Argument: `run_after` (an aware datetime, or None for "as soon as possible").
sync_wanted = Signal()


@dataclass
class SyncReport:
    refreshed: int = 0
    removed: int = 0
    pushed: int = 0
    failed: int = 0
    error: str = ""


# --- 1. marking -------------------------------------------------------------------

def mark_stale(keys: Iterable[str], source: str = "") -> int:
    """Record that these documents must be rebuilt; a sync follows the commit. One
    query: with the source, an upsert (rows for keys not indexed yet, too); without it,
    an update of the rows there are."""
    keys = set(keys)
    if not keys:
        return 0
    now = timezone.now()
    if source:
        SearchDocument.objects.bulk_create(
            [SearchDocument(key=key, source=source, stale=True, updated_at=now) for key in keys],
            update_conflicts=True, unique_fields=["key"], update_fields=["stale", "updated_at"])
        marked = len(keys)
    else:
        marked = SearchDocument.objects.filter(key__in=keys).update(stale=True, updated_at=now)
    request_sync()
    return marked


def mark_objects_stale(model: type, ids: Iterable[Any]) -> int:
    """Mark the documents of these objects of `model` (for the source that serves it)."""
    source = source_for_model(model)
    if source is None:
        return 0
    return mark_stale((source.key_for_id(pk) for pk in ids), source.name)


def request_sync() -> None:
    """Run the sync once the current transaction commits (at once outside one)."""
    # Several signals of one change each ask; the extra runs find nothing left to do
    # and cost a query or two.
    transaction.on_commit(lambda: sync_wanted.send(sender=SyncReport, run_after=None))


# --- 2. refreshing documents from their sources --------------------------------------

def refresh_stale_documents(limit: int | None = None) -> SyncReport:
    report = SyncReport()
    while limit is None or report.refreshed + report.removed < limit:
        rows = list(SearchDocument.objects.filter(stale=True).order_by("pk")[:CHUNK_SIZE])
        if rows:
            refreshed, removed = refresh_rows(rows)
            report.refreshed += refreshed
            report.removed += removed
        if len(rows) < CHUNK_SIZE:  # the last ones (a row marked meanwhile: next sync)
            break
    return report


def refresh_rows(rows: list[SearchDocument]) -> tuple[int, int]:
    # Rows the sync marks stale after this moment are left stale, for its next round.
    started = timezone.now()
    by_source: dict[str, list[SearchDocument]] = defaultdict(list)
    for row in rows:
        by_source[row.source].append(row)
    built: dict[str, dict[str, Any] | None] = {}
    frame = PageFrame() if any(source_named(name) and source_named(name).is_page
                               for name in by_source) else None
    for name, source_rows in by_source.items():
        source = source_named(name)
        if source is None:
            continue
        ids = [object_id(row.key) for row in source_rows]
        built.update(source.documents(source.queryset().filter(pk__in=ids), frame))
    return store_documents(rows, built, unchanged_since=started)


# --- 3. pushing to the engine ----------------------------------------------------------

def pending_for_engine():
    """Rows the engine does not hold in their current state (the open index jobs)."""
    return SearchDocument.objects.filter(stale=False).filter(
        Q(removed=True) | (~Q(indexed_hash=F("content_hash")) & ~Q(content_hash=""))
    )


def engine_backing_off() -> bool:
    retry_at = cache.get(ENGINE_RETRY_AT)
    return bool(retry_at and retry_at > timezone.now())


def retry_delay(attempts: int) -> timedelta:
    return timedelta(seconds=min(RETRY_BASE_SECONDS * 2 ** max(attempts - 1, 0),
                                 RETRY_MAX_SECONDS))


def push_pending_documents(*, force: bool = False, refresh: bool = False) -> SyncReport:
    """Send the engine every pending document; on failure schedule a retry."""
    report = SyncReport()
    if not search_engine_configured() or (engine_backing_off() and not force):
        return report
    now = timezone.now()
    due = pending_for_engine()
    if not force:
        due = due.filter(Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now))
    try:
        with get_client(timeout=settings.SEARCH_SYNC_TIMEOUT) as client:
            live_index = ensure_index(client)
            state = engine_state()
            heal_lost_documents(client, live_index, state)
            rebuild = state.running
            last_pk = 0
            while True:
                rows = list(due.filter(pk__gt=last_pk).order_by("pk")[:PUSH_CHUNK_SIZE])
                if not rows:
                    break
                last_pk = rows[-1].pk
                failed = set(write_rows(client, live_index, rows, refresh=refresh))
                if rebuild is not None:
                    failed |= set(write_rows(client, rebuild.index_name, [
                        row for row in rows
                        if rebuild.has_loaded(row.source, object_id(row.key))], refresh=refresh))
                record_pushed([row for row in rows if row.key not in failed])
                record_failed([row for row in rows if row.key in failed],
                              "The search engine refused the document.")
                report.pushed += len(rows) - len(failed)
                report.failed += len(failed)
                if len(rows) < PUSH_CHUNK_SIZE:
                    break
    except Exception as error:
        logger.warning("Search index: the engine did not take the pending documents: %s", error)
        report.error = f"{type(error).__name__}: {error}"[:500]
        attempts = (due.aggregate(most=Max("attempts"))["most"] or 0) + 1
        retry_at = now + retry_delay(attempts)
        report.failed = due.update(attempts=F("attempts") + 1, next_attempt_at=retry_at,
                                   last_error=report.error)
        cache.set(ENGINE_RETRY_AT, retry_at, timeout=RETRY_MAX_SECONDS)
        schedule_retry(retry_at)
        return report
    cache.delete(ENGINE_RETRY_AT)
    return report


def write_rows(client, index: str, rows: list[SearchDocument], *, refresh: bool) -> list[str]:
    """Send rows to one index: their documents, or their removal."""
    upserts = [(row.key, engine_document(row.key, row.fields, row.content_hash,
                                         title_terms=row.title_terms, terms=row.text_terms))
               for row in rows if not row.removed]
    deletes = [row.key for row in rows if row.removed]
    return bulk_write(client, index, upserts, deletes, refresh=refresh)


def record_pushed(rows: list[SearchDocument]) -> None:
    removed = [row.pk for row in rows if row.removed]
    SearchDocument.objects.filter(pk__in=removed, removed=True).delete()
    for row in rows:
        if not row.removed:
            SearchDocument.objects.filter(pk=row.pk, content_hash=row.content_hash).update(
                indexed_hash=row.content_hash, attempts=0, next_attempt_at=None, last_error="")


def record_failed(rows: list[SearchDocument], error: str) -> None:
    """Count an attempt on each refused row and set its next try."""
    if rows:
        attempts = max(row.attempts for row in rows) + 1
        SearchDocument.objects.filter(pk__in=[row.pk for row in rows]).update(
            attempts=F("attempts") + 1, next_attempt_at=timezone.now() + retry_delay(attempts),
            last_error=error[:500])


def schedule_retry(when: datetime) -> None:
    sync_wanted.send(sender=SyncReport, run_after=when)


def sync_search_index_now(*, force: bool = False) -> SyncReport:
    report = refresh_stale_documents()
    pushed = push_pending_documents(force=force)
    report.pushed, report.failed, report.error = pushed.pushed, pushed.failed, pushed.error
    return report


def all_source_keys() -> dict[str, str]:
    """Key → source name for every object the sources offer (ids only)."""
    keys = {}
    for source in registered_sources():
        for pk in source.queryset().values_list("pk", flat=True).iterator(chunk_size=2000):
            keys[source.key_for_id(pk)] = source.name
    return keys
