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

import hashlib
import json
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import connection, models, transaction
from django.db.models import F, Max, Q
from django.dispatch import Signal
from django.utils import timezone

from search.client import get_client, search_engine_configured
from search.contract import MARK_END, MARK_START
from search.healing import heal_lost_documents
from search.index import bulk_write, engine_document, ensure_index
from search.models import IndexRebuild, RebuildStatus, SearchDocument, SearchTerm
from search.sources import (
    PageFrame,
    object_id,
    registered_sources,
    source_for_model,
    source_named,
)
from search.text import TERMS_VERSION, term_string

logger = logging.getLogger(__name__)

CHUNK_SIZE = 200
PUSH_CHUNK_SIZE = 500
RETRY_BASE_SECONDS = 10
RETRY_MAX_SECONDS = 3600
ENGINE_RETRY_AT = "search:engine-retry-at"
# Fields whose values the database backend filters and counts on.
TERM_FIELDS = ("source", "locale", "topics", "tags", "federal_state", "size_class",
               "funding_phase", "maturity", "publication_kind", "event_format",
               "event_mode", "event_month", "year", "visible_to")


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


def content_hash(document: dict[str, Any]) -> str:
    """The document's hash; it includes how the database backend reads text, so that
    a new reading rebuilds every document (and sends it to the engine again)."""
    encoded = json.dumps([TERMS_VERSION, document], sort_keys=True, default=str,
                         ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


def normalised(document: dict[str, Any]) -> dict[str, Any]:
    """The document as stored and sent: JSON values only, empty values dropped."""
    cleaned = {}
    for name, value in document.items():
        if value in (None, "", []):
            continue
        if isinstance(value, datetime) and value.tzinfo is not None:
            # In UTC, so that the database backend can compare moments as text.
            value = value.astimezone(UTC).isoformat()
        elif hasattr(value, "isoformat"):
            value = value.isoformat()
        elif isinstance(value, str):
            value = value.replace(MARK_START, "").replace(MARK_END, "")
        elif isinstance(value, (list, tuple)):
            value = [str(item) if not isinstance(item, int) else item for item in value]
        cleaned[name] = value
    return cleaned


# --- 1. marking -------------------------------------------------------------------

def mark_stale(keys: Iterable[str], source: str = "") -> int:
    """Record that these documents must be rebuilt; a sync follows the commit."""
    keys = set(keys)
    if not keys:
        return 0
    existing = set(SearchDocument.objects.filter(key__in=keys).values_list("key", flat=True))
    if existing:
        SearchDocument.objects.filter(key__in=existing, stale=False).update(
            stale=True, updated_at=timezone.now())
    missing = keys - existing
    if missing and source:
        SearchDocument.objects.bulk_create(
            [SearchDocument(key=key, source=source, stale=True) for key in missing],
            ignore_conflicts=True,
        )
    request_sync()
    return len(existing) + (len(missing) if source else 0)


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
        if not rows:
            break
        refreshed, removed = refresh_rows(rows)
        report.refreshed += refreshed
        report.removed += removed
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


@dataclass(slots=True)
class NewRow:
    """A documents-table row as the rebuild writes it, without the cost of a model
    instance per document; `store_documents` takes it like a `SearchDocument`."""

    key: str
    source: str
    pk: int | None = None
    locale: str = ""
    title: str = ""
    summary: str = ""
    body: str = ""
    url: str = ""
    date: Any = None
    fields: dict[str, Any] = dataclass_field(default_factory=dict)
    title_terms: str = ""
    text_terms: str = ""
    content_hash: str = ""
    stale: bool = True
    removed: bool = False
    updated_at: datetime | None = None
    indexed_hash: str = ""
    attempts: int = 0
    next_attempt_at: datetime | None = None
    last_error: str = ""


# What a new row starts with and a rebuilt one keeps (the engine's side of the row).
NEW_ROW_COLUMNS = ("indexed_hash", "attempts", "next_attempt_at", "last_error")
# SQLite takes at most 32,766 parameters a statement, PostgreSQL 65,535.
MAX_PARAMETERS = 32_000
# The columns a rebuilt document writes (besides key and, on PostgreSQL, the vector).
STORED_COLUMNS = ("source", "locale", "title", "summary", "body", "url", "date", "fields",
                  "title_terms", "text_terms", "content_hash", "stale", "removed",
                  "updated_at")


def store_documents(rows: list[SearchDocument] | list[NewRow],
                    built: dict[str, dict[str, Any] | None], *,
                    unchanged_since: datetime) -> tuple[int, int]:
    """Save rebuilt documents onto their rows (removals where there is none), in three
    queries whatever their number: one upsert, and the rows' facet terms deleted and
    inserted. A row that the sync changed after `unchanged_since` (it was marked stale
    again, or rebuilt by someone else) is left as it is, so that an older reading never
    overwrites a newer one; `rows` keeps only those written."""
    now = timezone.now()
    for row in rows:
        document = built.get(row.key)
        row.stale, row.updated_at = False, now
        if document is None:
            row.removed = True
            continue
        document = normalised(document)
        row.removed = False
        new_hash = content_hash(document)
        if new_hash == row.content_hash and row.text_terms:
            continue
        row.content_hash = new_hash
        row.source = document["source"]
        row.locale = document.get("locale", "")
        row.title = document.get("title", "")
        row.summary = document.get("summary", "")
        row.body = document.get("body", "")
        row.url = document.get("url", "")
        row.date = document.get("date")
        row.fields = document
        row.title_terms = term_string(row.title, whole_words=True)
        row.text_terms = term_string(" ".join([row.title, row.summary, row.body]))
    with transaction.atomic(savepoint=False):
        written = upsert_documents(rows, unchanged_since)
        rows[:] = [row for row in rows if row.key in written]
        for row in rows:
            row.pk = written[row.key]
        SearchTerm.objects.filter(document__in=list(written.values())).delete()
        insert_terms([(row.pk, name, str(value)[:200]) for row in rows if not row.removed
                      for name in TERM_FIELDS for value in as_list(row.fields.get(name))])
        removed = [row.pk for row in rows if row.removed]
        if removed and not search_engine_configured():
            # Nothing owes the engine anything: removals go at once.
            SearchDocument.objects.filter(pk__in=removed).delete()
    return len(rows) - len(removed), len(removed)


def upsert_documents(rows: list[SearchDocument], unchanged_since: datetime) -> dict[str, int]:
    """INSERT … ON CONFLICT (key) DO UPDATE … WHERE the row is unchanged since then,
    RETURNING the rows written (key → id). On PostgreSQL the search vector is made in
    the same statement, with the document language's configuration."""
    if not rows:
        return {}
    per_row = (len(STORED_COLUMNS) + len(NEW_ROW_COLUMNS) + 1
               + (6 if connection.vendor == "postgresql" else 0))
    batch = MAX_PARAMETERS // per_row
    if len(rows) > batch:  # past SQLite's limit of parameters: more than 2,000 rows
        return {key: pk for start in range(0, len(rows), batch)
                for key, pk in upsert_documents(rows[start:start + batch],
                                                unchanged_since).items()}
    table = SearchDocument._meta.db_table
    fields = [SearchDocument._meta.get_field(name)
              for name in (*STORED_COLUMNS, *NEW_ROW_COLUMNS)]
    quote = connection.ops.quote_name
    columns = ["key", *STORED_COLUMNS, *NEW_ROW_COLUMNS]
    placeholders = ", ".join(["%s"] * len(columns))
    vector = connection.vendor == "postgresql"
    if vector:
        columns.append("search_vector")
        placeholders += ", " + " || ".join(
            f"setweight(to_tsvector(%s::regconfig, %s), '{weight}')" for weight in "ABC")
    # Text, flags and numbers go as they are; only dates and JSON need Django's hand.
    prepared = {field.attname for field in fields
                if isinstance(field, (models.DateTimeField, models.JSONField))}
    params: list[Any] = []
    for row in rows:
        params.append(row.key)
        params += [field.get_db_prep_save(getattr(row, field.attname), connection)
                   if field.attname in prepared else getattr(row, field.attname)
                   for field in fields]
        if vector:
            configuration = POSTGRES_CONFIGURATIONS.get(row.locale, "simple")
            params += [configuration, row.title, configuration, row.summary,
                       configuration, row.body]
    updates = ", ".join(f"{quote(column)} = excluded.{quote(column)}" for column in columns
                        if column not in ("key", *NEW_ROW_COLUMNS))
    sql = (f"INSERT INTO {quote(table)} ({', '.join(map(quote, columns))}) VALUES "
           + ", ".join([f"({placeholders})"] * len(rows))
           + f" ON CONFLICT ({quote('key')}) DO UPDATE SET {updates}"
           f" WHERE {quote(table)}.{quote('updated_at')} <= %s"
           f" RETURNING {quote('key')}, {quote('id')}")
    params.append(SearchDocument._meta.get_field("updated_at").get_db_prep_value(
        unchanged_since, connection))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def insert_terms(terms: list[tuple[int, str, str]]) -> None:
    """Plain INSERTs: a document has a dozen terms, and building a model instance for
    each would cost more than building the document itself."""
    if not terms:
        return
    table = connection.ops.quote_name(SearchTerm._meta.db_table)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} (document_id, field, value) VALUES (%s, %s, %s) "
            "ON CONFLICT DO NOTHING", list(dict.fromkeys(terms)))


def as_list(value: Any) -> list[Any]:
    if value in (None, "", []):
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


POSTGRES_CONFIGURATIONS = {"de": "german", "en": "english"}


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
            heal_lost_documents(client, live_index)
            rebuild = IndexRebuild.objects.filter(status=RebuildStatus.RUNNING).first()
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
