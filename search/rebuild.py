"""Rebuilding the index without downtime.

Create a new versioned index (no refreshes, no replicas while loading), build every
document from its source in chunks and bulk-load it, replay what changed meanwhile,
point the alias at the new index in one atomic step, drop the old index. Searches go
through the alias and keep answering from the old index until the swap.

- Each chunk is one bulk request, retried with backoff on timeouts and 429/502/503/504
  (`bulk_write_patiently`). After a chunk the rebuild records how far each source got
  (`IndexRebuild.cursor`).
- While the rebuild runs, index jobs also write to its index, but only documents the
  load has passed (`IndexRebuild.has_loaded`): the others it will read itself. No
  document is sent twice.
- The replay compares the new index with the documents table by key and content hash
  and sends only what differs: changes the load read before they happened, or made
  while no rebuild was running.
- After the swap the documents table records that the engine holds what was verified,
  so nothing stays pending.
- A failure leaves the live index alone and keeps the new one with its cursor: the next
  `search_rebuild` resumes where it stopped (`--fresh` starts over).
"""

from __future__ import annotations

import gc
import logging
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from elasticsearch import Elasticsearch

from search.client import get_client
from search.healing import engine_keys, remember_generation
from search.index import (
    bulk_write_patiently,
    create_index,
    engine_document,
    finish_bulk_load,
    indices_behind_alias,
    new_index_name,
    swap_alias,
    versioned_indices,
)
from search.models import IndexRebuild, RebuildStatus, SearchDocument
from search.sources import PageFrame, RegisteredSource, registered_sources
from search.store import NewRow, store_documents
from search.sync import refresh_stale_documents

logger = logging.getLogger(__name__)

REBUILD_CHUNK_SIZE = 500
# A rebuild marked running that has not progressed for this long died with its process.
RUNNING_SILENCE = timedelta(minutes=10)
MARK_BATCH = 2000


class RebuildRefused(RuntimeError):
    """Another rebuild is running; the message says so."""


@dataclass
class LoadProgress:
    total: int
    done: int = 0
    started: float = field(default_factory=time.perf_counter)
    build_seconds: float = 0.0
    queries_per_chunk: list[int] = field(default_factory=list)
    # The same counts by source: a source that builds from model instances costs more.
    queries_by_source: dict[str, list[int]] = field(default_factory=dict)

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


def build_chunk(source: RegisteredSource, objects: QuerySet | list[Any],
                frame: PageFrame | None = None) -> tuple[list[Any], list[NewRow]]:
    """Documents for one chunk of a source's objects (a queryset, read here), stored on
    their rows; returns the objects' ids and the rows written. A row that the sync
    changed while the chunk was being built is left to the sync (and to the replay),
    so the load never writes an older version over a newer one."""
    started = timezone.now()
    built = source.build(objects, frame)
    rows = [NewRow(key=key, source=source.name) for _pk, key, _document in built]
    store_documents(rows, {key: document for _pk, key, document in built},
                    unchanged_since=started)
    return [pk for pk, _key, _document in built], rows


def start_or_resume(client: Elasticsearch, *, fresh: bool) -> IndexRebuild:
    """The unfinished rebuild to resume (its index still there), or a new one."""
    unfinished = IndexRebuild.objects.filter(
        status__in=[RebuildStatus.RUNNING, RebuildStatus.FAILED]).first()
    if unfinished is not None and unfinished.status == RebuildStatus.RUNNING:
        last_sign = unfinished.progress_at or unfinished.started_at
        if timezone.now() - last_sign < RUNNING_SILENCE and not fresh:
            raise RebuildRefused(
                f"Another rebuild ({unfinished.index_name}) is running; it last made "
                f"progress at {last_sign:%Y-%m-%d %H:%M:%S}. Wait for it, or pass --fresh "
                "once its process is gone.")
    resumable = (unfinished is not None and not fresh and unfinished.cursor
                 and client.indices.exists(index=unfinished.index_name))
    if resumable:
        unfinished.status, unfinished.error, unfinished.finished_at = (
            RebuildStatus.RUNNING, "", None)
        unfinished.save(update_fields=["status", "error", "finished_at"])
        return unfinished
    IndexRebuild.objects.filter(status__in=[RebuildStatus.RUNNING, RebuildStatus.FAILED]
                                ).exclude(error__startswith="Abandoned").update(
        status=RebuildStatus.FAILED, finished_at=timezone.now(),
        error="Abandoned: a newer rebuild started from scratch.", cursor={})
    rebuild = IndexRebuild.objects.create(index_name=new_index_name())
    drop_orphans(client)
    create_index(client, rebuild.index_name, bulk_load=True)
    return rebuild


def drop_orphans(client: Elasticsearch) -> list[str]:
    """Indices of ours that neither serve the alias nor belong to a rebuild that runs
    or may resume (left by a rebuild that was abandoned or killed)."""
    live = set(indices_behind_alias(client))
    kept = set(IndexRebuild.objects.filter(
        Q(status=RebuildStatus.RUNNING) | (Q(status=RebuildStatus.FAILED) & ~Q(cursor={})))
        .values_list("index_name", flat=True))
    orphans = [name for name in versioned_indices(client) if name not in live | kept]
    for name in orphans:
        client.indices.delete(index=name, ignore_unavailable=True)
    return orphans


def load_sources(client: Elasticsearch, rebuild: IndexRebuild, *, chunk_size: int,
                 progress: Callable[[LoadProgress], None] | None = None,
                 on_chunk: Callable[[LoadProgress], None] | None = None) -> LoadProgress:
    """Load every source's documents into the rebuild's index, from where its cursor
    stands, recording the cursor after each chunk the engine took. The engine indexes
    one chunk while the next is built (a second thread sends; it touches no database),
    so the rebuild takes about as long as the slower of the two, not their sum."""
    sources = registered_sources()
    state = LoadProgress(total=sum(source.queryset().count() for source in sources),
                         done=rebuild.documents)
    frame = PageFrame()  # view restrictions and site roots: once for every chunk
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="search-rebuild") as sender:
        in_flight: tuple[Future, str, dict, int] | None = None

        def settle() -> None:
            """Wait for the chunk the engine is taking, then record how far we are."""
            nonlocal in_flight
            if in_flight is not None:
                future, name, position, done = in_flight
                in_flight = None
                future.result()
                record_progress(rebuild, name, position, done)
                if progress:
                    progress(state)
                if on_chunk:
                    on_chunk(state)

        for source in sources:
            position = rebuild.cursor.get(source.name, {})
            if position.get("done"):
                continue
            last_pk = position.get("after", 0)
            while True:
                counter = QueryCounter()
                started = time.perf_counter()
                with connection.execute_wrapper(counter), collector_paused():
                    ids, rows = build_chunk(source, source.queryset().filter(
                        pk__gt=last_pk).order_by("pk")[:chunk_size], frame)
                if not ids:
                    break
                state.build_seconds += time.perf_counter() - started
                state.queries_per_chunk.append(counter.count)
                state.queries_by_source.setdefault(source.name, []).append(counter.count)
                upserts = [row for row in rows if not row.removed]
                settle()
                last_pk = ids[-1]
                state.done += len(ids)
                in_flight = (sender.submit(send, client, rebuild, upserts, []), source.name,
                             {"after": last_pk}, state.done)
            settle()
            record_progress(rebuild, source.name, {"after": last_pk, "done": True},
                            state.done)
        settle()
    return state


def send(client: Elasticsearch, rebuild: IndexRebuild, rows: list[SearchDocument],
         deletes: list[str]) -> set[str]:
    """One bulk request to the new index; returns the keys the engine refused. Retries
    are counted on the rebuild and saved with its progress."""
    def count_retry(error: Exception) -> None:
        rebuild.retries += 1

    return set(bulk_write_patiently(
        client, rebuild.index_name,
        [(row.key, engine_document(row.key, row.fields, row.content_hash,
                                   title_terms=row.title_terms, terms=row.text_terms))
         for row in rows],
        deletes, on_retry=count_retry))


def record_progress(rebuild: IndexRebuild, source: str, position: dict, done: int) -> None:
    rebuild.cursor = {**rebuild.cursor, source: position}
    rebuild.documents, rebuild.progress_at = done, timezone.now()
    IndexRebuild.objects.filter(pk=rebuild.pk).update(
        cursor=rebuild.cursor, documents=done, progress_at=rebuild.progress_at,
        retries=rebuild.retries)


@dataclass
class Replay:
    sent: int
    verified: list[int]
    started: Any


def replay_changes(client: Elasticsearch, rebuild: IndexRebuild) -> Replay:
    """Make the new index hold exactly what the documents table holds, sending only the
    difference (by key and content hash); returns what was sent and the rows verified."""
    refresh_stale_documents()
    # Rows touched after this moment may differ from what the replay reads: they stay
    # pending (mark_indexed), for the next sync.
    started = timezone.now()
    client.indices.refresh(index=rebuild.index_name)
    held = engine_keys(client, rebuild.index_name)
    verified, differing, removed = [], [], []
    for pk, key, content, gone in SearchDocument.objects.values_list(
            "pk", "key", "content_hash", "removed").iterator(chunk_size=5000):
        if gone or not content:
            if held.pop(key, None) is not None:
                removed.append(key)
        elif held.pop(key, None) == content:
            verified.append(pk)
        else:
            differing.append(pk)
    removed += list(held)  # in the new index, but no row at all any more
    for start in range(0, max(len(differing), 1), REBUILD_CHUNK_SIZE):
        rows = list(SearchDocument.objects.filter(
            pk__in=differing[start:start + REBUILD_CHUNK_SIZE]))
        deletes = removed if start == 0 else []
        if rows or deletes:
            refused = send(client, rebuild, rows, deletes)
            verified += [row.pk for row in rows if row.key not in refused]
    return Replay(sent=len(differing) + len(removed), verified=verified, started=started)


def mark_indexed(replay: Replay) -> None:
    """The live index now holds these rows as they were at the replay: nothing pending
    for them (rows changed since stay pending, for the next sync). Rows removed before
    the replay are gone from the live index: they go too."""
    for start in range(0, len(replay.verified), MARK_BATCH):
        (SearchDocument.objects.filter(pk__in=replay.verified[start:start + MARK_BATCH],
                                       stale=False, updated_at__lt=replay.started)
         .update(indexed_hash=F("content_hash"), attempts=0, next_attempt_at=None,
                 last_error=""))
    SearchDocument.objects.filter(removed=True, stale=False,
                                  updated_at__lt=replay.started).delete()


def rebuild_index(*, chunk_size: int = REBUILD_CHUNK_SIZE, fresh: bool = False,
                  progress: Callable[[LoadProgress], None] | None = None,
                  on_chunk: Callable[[LoadProgress], None] | None = None
                  ) -> tuple[IndexRebuild, LoadProgress]:
    with get_client() as pooled:
        # Every retry is ours (with backoff and counted), none the transport's.
        client = pooled.options(max_retries=0)
        rebuild = start_or_resume(client, fresh=fresh)
        try:
            state = load_sources(client, rebuild, chunk_size=chunk_size, progress=progress,
                                 on_chunk=on_chunk)
            replay = replay_changes(client, rebuild)
            finish_bulk_load(client, rebuild.index_name)
            remember_generation(rebuild.index_name)
            old = swap_alias(client, rebuild.index_name)
            mark_indexed(replay)
            rebuild.status, rebuild.replayed = RebuildStatus.SUCCEEDED, replay.sent
            rebuild.finished_at = timezone.now()
            rebuild.save()
            for name in old:
                client.indices.delete(index=name, ignore_unavailable=True)
        except BaseException as error:
            rebuild.status = RebuildStatus.FAILED
            rebuild.error = f"{type(error).__name__}: {error}"[:2000]
            rebuild.finished_at = timezone.now()
            rebuild.save(update_fields=["status", "error", "finished_at", "retries"])
            raise
    return rebuild, state
