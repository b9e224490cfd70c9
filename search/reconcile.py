"""Mending drift between the sources, the documents table and the engine.

Compares keys and content hashes on both sides: documents the sources offer but the
table lacks (or the reverse), documents whose content changed without a signal, and
documents the engine lacks, holds in an older version, or holds although nothing
offers them any more. Every difference is mended; the report says how many of each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from elasticsearch import Elasticsearch

from search.client import get_client, search_engine_configured
from search.healing import engine_keys
from search.index import alias_name, bulk_write, ensure_index, indices_behind_alias
from search.models import SearchDocument
from search.sync import all_source_keys, mark_stale, push_pending_documents, refresh_stale_documents


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
    missing = mend_table_keys(report)
    rebuild_every_document(report, missing)
    if engine and search_engine_configured():
        with get_client() as client:
            mend_engine(client, report)
        pushed = push_pending_documents(force=True)
        report.pushed, report.error = pushed.pushed, pushed.error
    return report


def reindex_after_restore(log: Callable[[str], None]) -> None:
    """After a restore: rebuild every document from the restored content and make the
    engine hold exactly them (a restored database knows nothing of the engine's state)."""
    report = reconcile()
    for line in report.lines():
        log(f"Search index: {line}")
    if report.error:
        raise RuntimeError(f"the search engine did not take the documents: {report.error}")


def mend_table_keys(report: ReconcileReport) -> set[str]:
    """Add rows for objects the table lacks, remove rows of objects that are gone;
    returns the keys added."""
    expected = all_source_keys()
    known = dict(SearchDocument.objects.values_list("key", "source"))
    missing = {key: source for key, source in expected.items() if key not in known}
    for source in set(missing.values()):
        mark_stale([key for key, name in missing.items() if name == source], source)
    vanished = [key for key in known if key not in expected]
    mark_stale(vanished)
    report.added, report.vanished = len(missing), len(vanished)
    return set(missing)


def rebuild_every_document(report: ReconcileReport, added: set[str]) -> None:
    """Content drift (changes that bypassed the signals): rebuild every document and
    count those whose hash changed."""
    before = dict(SearchDocument.objects.values_list("key", "content_hash"))
    SearchDocument.objects.filter(removed=False).update(stale=True)
    refresh_stale_documents()
    after = SearchDocument.objects.values_list("key", "content_hash")
    report.rebuilt = sum(1 for key, value in after
                         if key in before and before[key] != value and key not in added)


def mend_engine(client: Elasticsearch, report: ReconcileReport) -> None:
    """Make documents the engine lacks or holds outdated pending; delete its orphans."""
    ensure_index(client)
    indexed = engine_keys(client, alias_name())
    stale_keys = []
    for key, content in (SearchDocument.objects.filter(removed=False)
                         .exclude(content_hash="").values_list("key", "content_hash")):
        if indexed.get(key) != content:
            stale_keys.append(key)
            if key in indexed:
                report.outdated_in_engine += 1
            else:
                report.missing_in_engine += 1
    SearchDocument.objects.filter(key__in=stale_keys).update(indexed_hash="")
    database_keys = set(SearchDocument.objects.values_list("key", flat=True))
    orphans = [key for key in indexed if key not in database_keys]
    for target in indices_behind_alias(client):
        bulk_write(client, target, [], orphans)
    report.orphaned_in_engine = len(orphans)
