"""Writing rebuilt documents into the documents table: the row, its facet terms and,
on PostgreSQL, its search vector, in a constant number of queries however many rows
(the sync and the rebuild share it)."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from datetime import UTC, datetime
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from search.client import search_engine_configured
from search.contract import MARK_END, MARK_START
from search.models import SearchDocument, SearchTerm
from search.text import TERMS_VERSION, term_string

# Fields whose values the database backend filters and counts on.
TERM_FIELDS = ("source", "locale", "topics", "tags", "federal_state", "size_class",
               "funding_phase", "maturity", "publication_kind", "event_format",
               "event_mode", "event_month", "year", "visible_to")



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
        delete_terms(list(written.values()))
        insert_terms([(row.pk, name, str(value)[:200]) for row in rows if not row.removed
                      for name in TERM_FIELDS for value in as_list(row.fields.get(name))])
        removed = [row.pk for row in rows if row.removed]
        if removed and not search_engine_configured():
            # Nothing owes the engine anything: removals go at once (their terms went
            # with delete_terms above).
            delete_rows(removed)
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


def delete_terms(document_ids: list[int]) -> None:
    """One DELETE: the ORM's would first read every term, since a post_delete receiver
    listens to all models (search.signal_handlers), and then delete them in batches."""
    _delete_where(SearchTerm, "document_id", document_ids)


def delete_rows(document_ids: list[int]) -> None:
    """One DELETE of documents whose terms are gone: the ORM's would read the rows and
    their terms first (three queries), for a receiver that ignores documents."""
    _delete_where(SearchDocument, "id", document_ids)


def _delete_where(model: type[models.Model], column: str, ids: list[int]) -> None:
    if not ids:
        return
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE {connection.ops.quote_name(column)} IN "
                       f"({', '.join(['%s'] * len(ids))})", ids)


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
