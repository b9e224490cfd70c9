"""What the migrations put into a new test database, kept and put back after a flush.

A transactional test (the browser tests with their live server, the migration and
locking tests) empties every table when it ends. The tests that follow it on the same
worker expect what the migrations left: the locales, the root page and collection, the
default site, Wagtail's moderation workflow and the platform's role groups with their
permissions. Django's serialized rollback cannot bring those rows back here (restoring
wagtail-localize's LocaleSynchronization fires a signal that reads its locale before
the locales are restored), and the files mix both kinds of test, so the order of the
suite cannot keep them apart. Instead the rows are read once, straight after the
migrations, and written back with plain SQL (no model signals) after every flush.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction


@dataclass
class Snapshot:
    """Every row of every non-empty table, by table name."""

    columns: dict[str, list[str]] = field(default_factory=dict)
    rows: dict[str, list[tuple]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {table: len(rows) for table, rows in self.rows.items()}


_baseline = Snapshot()


def has_baseline() -> bool:
    return bool(_baseline.rows)


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(include_views=False))


def capture_rows() -> Snapshot:
    """Reads every row of every table of the database as it is now."""
    snapshot = Snapshot()
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT * FROM {quote(table)}")
            rows = cursor.fetchall()
            if rows:
                snapshot.columns[table] = [column[0] for column in cursor.description]
                snapshot.rows[table] = [tuple(_storable(value) for value in row) for row in rows]
    return snapshot


def _storable(value):
    # PostgreSQL hands JSON columns back as Python objects; as text they go back in.
    if isinstance(value, dict | list):
        return json.dumps(value)
    return value


def restore_rows(snapshot: Snapshot) -> None:
    """Empties every table and writes the snapshot's rows back, with their primary keys."""
    quote = connection.ops.quote_name
    # The foreign keys Django creates are checked at commit, so the order of the tables
    # inside one transaction does not matter.
    with transaction.atomic(), connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"DELETE FROM {quote(table)}")
        for table, rows in snapshot.rows.items():
            columns = ", ".join(quote(column) for column in snapshot.columns[table])
            placeholders = ", ".join(["%s"] * len(snapshot.columns[table]))
            cursor.executemany(
                f"INSERT INTO {quote(table)} ({columns}) VALUES ({placeholders})", rows)
        # PostgreSQL's sequences must start after the restored keys.
        statements = connection.ops.sequence_reset_sql(no_style(), apps.get_models())
        for statement in statements:
            cursor.execute(statement)


def row_counts() -> dict[str, int]:
    """How many rows each non-empty table holds now."""
    quote = connection.ops.quote_name
    counts = {}
    with connection.cursor() as cursor:
        for table in _tables():
            cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")
            (count,) = cursor.fetchone()
            if count:
                counts[table] = count
    return counts


def holds_only_migrated_rows() -> bool:
    """Whether the database holds as many rows per table as the migrations wrote (what a
    test has added before asking shows as a difference)."""
    return has_baseline() and row_counts() == _baseline.counts()


def capture_migrated_baseline() -> None:
    """Reads the rows the migrations wrote; called once per worker before any test."""
    global _baseline
    _baseline = capture_rows()


def restore_migrated_baseline() -> None:
    """Empties every table and writes the migrated rows back, with their primary keys."""
    if not _baseline.rows:
        raise RuntimeError("The migrated baseline was never captured (tests/conftest.py).")
    restore_rows(_baseline)
