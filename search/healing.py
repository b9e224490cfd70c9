"""Noticing an engine that lost documents, on every sync, and healing it.

The documents table says which documents the engine holds (`indexed_hash` set). Before
each push the sync compares that with the engine, cheaply:

1. Generation: the alias must point at the index the documents were sent to (the newest
   `EngineIndex`, or a running rebuild's index). An engine restarted without its data has
   no alias; `ensure_index` then creates a new index, which is a new generation, and every
   document is sent again.
2. Count: the live index must hold at least as many documents as were sent to it. When
   it holds fewer (after a refresh, so that recent writes count), the engine's keys are
   read and the missing documents are sent again.

Each repair is recorded (`IndexRepair`) and shown in the admin's index report.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass

from django.db.models import Count, QuerySet, Subquery
from elasticsearch import Elasticsearch, helpers

from search.models import (
    EngineIndex,
    IndexRebuild,
    IndexRepair,
    RebuildStatus,
    RepairReason,
    SearchDocument,
)

logger = logging.getLogger(__name__)

BATCH = 2000


def sent_documents() -> QuerySet[SearchDocument]:
    """Rows the engine holds according to the documents table."""
    return SearchDocument.objects.filter(removed=False).exclude(indexed_hash="")


def remember_generation(index: str) -> None:
    EngineIndex.objects.get_or_create(name=index)


@dataclass
class EngineState:
    """What the documents table says about the engine: the newest generation, the
    running rebuild (there is at most one) and how many documents were sent."""

    newest: str | None
    running: IndexRebuild | None
    sent: int

    @property
    def generations(self) -> set[str]:
        return {name for name in [self.newest, self.running and self.running.index_name]
                if name}


def engine_state() -> EngineState:
    """One query (the first time ever, when no generation exists yet, three)."""
    running = IndexRebuild.objects.filter(status=RebuildStatus.RUNNING)
    found = EngineIndex.objects.annotate(
        running_pk=Subquery(running.values("pk")[:1]),
        running_index=Subquery(running.values("index_name")[:1]),
        running_cursor=Subquery(running.values("cursor")[:1]),
        sent=Subquery(sent_documents().order_by().values("removed")
                      .annotate(count=Count("pk")).values("count")),
    ).values_list("name", "running_pk", "running_index", "running_cursor", "sent").first()
    if found is None:
        return EngineState(None, running.first(), sent_documents().count())
    newest, pk, index_name, cursor, sent = found
    rebuild = None
    if pk is not None:
        rebuild = IndexRebuild(pk=pk, index_name=index_name, status=RebuildStatus.RUNNING,
                               cursor=cursor if isinstance(cursor, dict)
                               else json.loads(cursor or "{}"))
    return EngineState(newest, rebuild, sent or 0)


def current_generations() -> set[str]:
    return engine_state().generations


def engine_keys(client: Elasticsearch, index: str) -> dict[str, str]:
    """Every document in the index: key → content hash."""
    return {hit["_id"]: hit["_source"].get("content_hash", "")
            for hit in helpers.scan(client, index=index,
                                    query={"query": {"match_all": {}},
                                           "_source": ["content_hash"]})}


def heal_lost_documents(client: Elasticsearch, live: str,
                        state: EngineState | None = None) -> IndexRepair | None:
    """Mark what the engine lost as pending again; returns the repair, if any."""
    state = state or engine_state()
    generations = state.generations
    expected = state.sent
    if live not in generations:
        had_generation = bool(generations)
        remember_generation(live)
        if had_generation and expected:
            return repair(live, RepairReason.NEW_INDEX, expected, 0, sent_documents())
    if not expected:
        return None
    found = client.count(index=live)["count"]
    if found >= expected:
        return None
    client.indices.refresh(index=live)  # recent writes count only once refreshed
    found = client.count(index=live)["count"]
    if found >= expected:
        return None
    held = engine_keys(client, live)
    missing = [pk for pk, key in sent_documents().values_list("pk", "key").iterator(
        chunk_size=5000) if key not in held]
    return repair(live, RepairReason.MISSING, expected, found, missing)


def repair(live: str, reason: str, expected: int, found: int,
           missing: QuerySet[SearchDocument] | list[int]) -> IndexRepair:
    """Make the lost documents pending again (all of them, or these ids)."""
    if isinstance(missing, list):
        resent = 0
        for start in range(0, len(missing), BATCH):
            resent += SearchDocument.objects.filter(pk__in=missing[start:start + BATCH]).update(
                indexed_hash="", next_attempt_at=None)
    else:
        resent = missing.update(indexed_hash="", next_attempt_at=None)
    logger.warning("Search index: %s held %s of %s documents (%s); sending %s again",
                   live, found, expected, reason, resent)
    return IndexRepair.objects.create(index_name=live, reason=reason, expected=expected,
                                      found=found, resent=resent)
