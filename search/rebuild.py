"""Rebuilding the index without downtime, and mending drift between database and engine.

Rebuild: create a new versioned index (no refreshes, no replicas while loading), build
every document from its source in chunks and bulk-load it, replay the changes made
meanwhile, point the alias at the new index in one atomic step, drop the old index.
While the rebuild runs, index jobs write to both indices (see `search.sync`). Searches
go through the alias and keep answering from the old index until the swap. A failure
deletes the new index, so no orphan stays behind.
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.utils import timezone
from elasticsearch import Elasticsearch, helpers

from search.client import get_client
from search.index import (
    alias_name,
    bulk_write,
    create_index,
    engine_document,
    ensure_index,
    finish_bulk_load,
    indices_behind_alias,
    new_index_name,
    swap_alias,
    versioned_indices,
)
from search.models import IndexRebuild, RebuildStatus, SearchDocument
from search.sources import RegisteredSource, registered_sources
from search.sync import (
    all_source_keys,
    mark_stale,
    push_pending_documents,
    refresh_stale_documents,
    store_documents,
)

logger = logging.getLogger(__name__)

REBUILD_CHUNK_SIZE = 500


@dataclass
class LoadProgress:
    total: int
    done: int = 0
    started: float = field(default_factory=time.perf_counter)
    build_seconds: float = 0.0
    queries_per_chunk: list[int] = field(default_factory=list)

    @property
    def rate(self) -> float:
        elapsed = time.perf_counter() - self.started
        return self.done / elapsed if elapsed else 0.0

    @property
    def build_rate(self) -> float:
        return self.done / self.build_seconds if self.build_seconds else 0.0

    def line(self) -> str:
        share = self.done / self.total if self.total else 1.0
        eta = (self.total - self.done) / self.rate if self.rate else 0.0
        filled = int(share * 30)
        return (f"[{'#' * filled}{'.' * (30 - filled)}] {self.done:,}/{self.total:,} "
                f"{share:4.0%}  {self.rate:,.0f} docs/s  ETA {eta:4.0f} s")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cycle collector while a chunk is built: building thousands of
    model instances triggers it over and over, which halves the build rate. Refcounting
    still frees everything; cycles go at the next collection."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class QueryCounter:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def build_chunk(source: RegisteredSource, objects: list[Any]) -> list[SearchDocument]:
    """Documents for one chunk of a source's objects, stored on their rows."""
    built = dict(source.documents(objects))
    existing = {row.key: row for row in SearchDocument.objects.filter(key__in=built)}
    rows = [existing.get(key) or SearchDocument(key=key, source=source.name, stale=True)
            for key in built]
    store_documents(rows, built)
    return rows


def load_sources(client: Elasticsearch, index: str, *, chunk_size: int,
                 progress: Callable[[LoadProgress], None] | None = None,
                 on_chunk: Callable[[LoadProgress], None] | None = None) -> LoadProgress:
    sources = registered_sources()
    state = LoadProgress(total=sum(source.queryset().count() for source in sources))
    for source in sources:
        last_pk = 0
        while True:
            counter = QueryCounter()
            started = time.perf_counter()
            with connection.execute_wrapper(counter), collector_paused():
                objects = list(source.queryset().filter(pk__gt=last_pk).order_by("pk")
                               [:chunk_size])
                if not objects:
                    break
                rows = build_chunk(source, objects)
            state.build_seconds += time.perf_counter() - started
            state.queries_per_chunk.append(counter.count)
            last_pk = objects[-1].pk
            bulk_write(client, index, [
                (row.key, engine_document(row.key, row.fields, row.content_hash))
                for row in rows if not row.removed], [])
            state.done += len(objects)
            if progress:
                progress(state)
            if on_chunk:
                on_chunk(state)
    return state


def replay_changes(client: Elasticsearch, index: str, since) -> int:
    """Send the new index the current state of every document changed since `since`
    (the load may have read an object before a change that the dual write then sent)."""
    refresh_stale_documents()
    replayed = 0
    last_pk = 0
    changed = SearchDocument.objects.filter(updated_at__gte=since).exclude(content_hash="")
    while True:
        rows = list(changed.filter(pk__gt=last_pk).order_by("pk")[:REBUILD_CHUNK_SIZE])
        if not rows:
            return replayed
        last_pk = rows[-1].pk
        bulk_write(client, index,
                   [(row.key, engine_document(row.key, row.fields, row.content_hash))
                    for row in rows if not row.removed],
                   [row.key for row in rows if row.removed])
        replayed += len(rows)


def drop_orphans(client: Elasticsearch) -> list[str]:
    """Indices of ours that neither serve the alias nor belong to a running rebuild
    (left by a rebuild that was killed)."""
    live = set(indices_behind_alias(client))
    running = set(IndexRebuild.objects.filter(status=RebuildStatus.RUNNING)
                  .values_list("index_name", flat=True))
    orphans = [name for name in versioned_indices(client) if name not in live | running]
    for name in orphans:
        client.indices.delete(index=name, ignore_unavailable=True)
    return orphans


def rebuild_index(*, chunk_size: int = REBUILD_CHUNK_SIZE,
                  progress: Callable[[LoadProgress], None] | None = None,
                  on_chunk: Callable[[LoadProgress], None] | None = None
                  ) -> tuple[IndexRebuild, LoadProgress]:
    with get_client() as client:
        IndexRebuild.objects.filter(status=RebuildStatus.RUNNING).update(
            status=RebuildStatus.FAILED, finished_at=timezone.now(),
            error="Abandoned: a newer rebuild started.")
        drop_orphans(client)
        rebuild = IndexRebuild.objects.create(index_name=new_index_name())
        try:
            create_index(client, rebuild.index_name, bulk_load=True)
            state = load_sources(client, rebuild.index_name, chunk_size=chunk_size,
                                 progress=progress, on_chunk=on_chunk)
            rebuild.replayed = replay_changes(client, rebuild.index_name, rebuild.started_at)
            finish_bulk_load(client, rebuild.index_name)
            old = swap_alias(client, rebuild.index_name)
            rebuild.status = RebuildStatus.SUCCEEDED
            rebuild.documents = state.done
            rebuild.finished_at = timezone.now()
            rebuild.save()
            for name in old:
                client.indices.delete(index=name, ignore_unavailable=True)
        except BaseException as error:
            rebuild.status = RebuildStatus.FAILED
            rebuild.error = f"{type(error).__name__}: {error}"[:2000]
            rebuild.finished_at = timezone.now()
            rebuild.save()
            try:
                client.indices.delete(index=rebuild.index_name, ignore_unavailable=True)
            except Exception:
                logger.exception("Search rebuild: could not delete %s", rebuild.index_name)
            raise
    return rebuild, state


@dataclass
class ReconcileReport:
    added: int = 0
    vanished: int = 0
    rebuilt: int = 0
    missing_in_engine: int = 0
    outdated_in_engine: int = 0
    orphaned_in_engine: int = 0
    pushed: int = 0
    error: str = ""

    def lines(self) -> list[str]:
        return [
            f"Database: {self.added} documents were missing, {self.vanished} no longer "
            f"exist, {self.rebuilt} were rebuilt.",
            f"Engine: {self.missing_in_engine} missing, {self.outdated_in_engine} outdated, "
            f"{self.orphaned_in_engine} orphaned (deleted); {self.pushed} sent.",
        ] + ([f"Engine error: {self.error}"] if self.error else [])


def reconcile(*, engine: bool = True) -> ReconcileReport:
    """Compare sources, database documents and the engine's index (keys and content
    hashes) and mend every difference."""
    report = ReconcileReport()
    expected = all_source_keys()
    known = dict(SearchDocument.objects.values_list("key", "source"))
    missing = {key: source for key, source in expected.items() if key not in known}
    for source in {source for source in missing.values()}:
        mark_stale([key for key, name in missing.items() if name == source], source)
    report.added = len(missing)
    vanished = [key for key in known if key not in expected]
    mark_stale(vanished)
    report.vanished = len(vanished)
    # Content drift (changes that bypassed the signals): rebuild and compare hashes.
    before = dict(SearchDocument.objects.values_list("key", "content_hash"))
    SearchDocument.objects.filter(removed=False).update(stale=True)
    refresh_stale_documents()
    after = dict(SearchDocument.objects.values_list("key", "content_hash"))
    report.rebuilt = sum(1 for key, value in after.items()
                         if key in before and before[key] != value and key not in missing)
    if not engine:
        return report
    from search.client import search_engine_configured

    if not search_engine_configured():
        return report
    with get_client() as client:
        ensure_index(client)
        indexed = {hit["_id"]: hit["_source"].get("content_hash", "")
                   for hit in helpers.scan(client, index=alias_name(),
                                           query={"query": {"match_all": {}},
                                                  "_source": ["content_hash"]})}
        stale_keys = []
        for key, content in (SearchDocument.objects.filter(removed=False)
                             .exclude(content_hash="").values_list("key", "content_hash")):
            if key not in indexed:
                report.missing_in_engine += 1
                stale_keys.append(key)
            elif indexed[key] != content:
                report.outdated_in_engine += 1
                stale_keys.append(key)
        SearchDocument.objects.filter(key__in=stale_keys).update(indexed_hash="")
        database_keys = set(SearchDocument.objects.values_list("key", flat=True))
        orphans = [key for key in indexed if key not in database_keys]
        for target in indices_behind_alias(client):
            bulk_write(client, target, [], orphans)
        report.orphaned_in_engine = len(orphans)
    pushed = push_pending_documents(force=True)
    report.pushed, report.error = pushed.pushed, pushed.error
    return report
