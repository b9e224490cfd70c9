"""The Elasticsearch side: the document mapping (elasticsearch.dsl), versioned index
names behind one alias, and bulk writes.

Index settings (analysers) are data in platform/search/analysis.json; the mapping is
code, because the search service's queries depend on its field names.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable
from datetime import datetime
from functools import cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils import timezone
from elasticsearch import ApiError, ConnectionError, ConnectionTimeout, Elasticsearch, helpers
from elasticsearch.dsl import (
    Boolean,
    Date,
    Document,
    Index,
    Integer,
    Keyword,
    Text,
)

from search.text import folded_parts, term_string

logger = logging.getLogger(__name__)

GERMAN = "knowledge_german"
ENGLISH = "knowledge_english"
FOLDED = "knowledge_folded"
PARTS, PARTS_QUERY = "knowledge_parts", "knowledge_parts_query"
SUGGEST, SUGGEST_QUERY = "knowledge_suggest", "knowledge_suggest_query"
DECOMPOUNDER = "knowledge_decompounder"


def text_field(**kwargs: Any) -> Text:
    """German analysis on the field itself; English, plain folded words and compound
    parts (split at index time only) beside it."""
    return Text(analyzer=GERMAN, fields={
        "en": Text(analyzer=ENGLISH),
        "folded": Text(analyzer=FOLDED),
        "parts": Text(analyzer=PARTS, search_analyzer=PARTS_QUERY),
    }, **kwargs)


class KnowledgeDocument(Document):
    """One searchable thing, whatever plugin it comes from."""

    key = Keyword()
    source = Keyword()
    locale = Keyword()
    title = text_field()
    summary = text_field()
    body = text_field()
    # Type-ahead: folded title words and their compound parts; the half-typed word is
    # matched as a prefix (match_bool_prefix), unstemmed.
    suggest = Text(analyzer=SUGGEST, search_analyzer=SUGGEST_QUERY)
    # The database backend's reading of the text (search.text.term_string: folded
    # stems and compound parts) and of the title (with whole folded words, for the
    # type-ahead), made in Python and split on spaces only. The analysers above do the
    # same inside Elasticsearch; these fields make both backends agree, and keep
    # compounds, umlaut spellings and word forms findable on engines whose analysis
    # lacks a filter (the in-memory test engine ignores dictionary_decompounder,
    # german_normalization and pattern_replace, which Elasticsearch 8 and 9 have).
    terms = Text(analyzer="whitespace")
    title_terms = Text(analyzer="whitespace")
    url = Keyword(index=False)
    date = Date()
    topics = Keyword()
    topic_labels = Keyword()
    tags = Keyword()
    tag_labels = Keyword()
    federal_state = Keyword()
    size_class = Keyword()
    funding_phase = Keyword()
    maturity = Keyword()
    publication_kind = Keyword()
    event_format = Keyword()
    event_mode = Keyword()
    event_month = Keyword()
    year = Integer()
    # Ranked higher until this moment (an upcoming event), judged at query time.
    boost_until = Date()
    # Ranked lower (search.contract.RANK_LOWER): a solution that ended.
    rank_lower = Boolean()
    visible_to = Keyword()
    content_hash = Keyword(index=False)


@cache
def index_settings() -> dict[str, Any]:
    """platform/search/analysis.json with the decompounder's word list inline (the
    compound list, folded as the analysers fold tokens before they split them; a
    word_list_path would need the file on every node) and the replica count from
    SEARCH_INDEX_REPLICAS when set (0 keeps a single-node cluster green)."""
    path = Path(settings.SEARCH_SETTINGS_DIR) / "analysis.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    found = {key: value for key, value in data.items() if not key.startswith("_")}
    decompounder = found["analysis"]["filter"][DECOMPOUNDER]
    decompounder["word_list"] = sorted(folded_parts())
    replicas = getattr(settings, "SEARCH_INDEX_REPLICAS", None)
    if replicas is not None:
        found["number_of_replicas"] = int(replicas)
    return found


def alias_name() -> str:
    return settings.SEARCH_INDEX_ALIAS


def new_index_name() -> str:
    return f"{alias_name()}-{timezone.now():%Y%m%d%H%M%S%f}"


def build_index(name: str) -> Index:
    index = Index(name)
    index.settings(**index_settings())
    index.document(KnowledgeDocument)
    return index


def create_index(client: Elasticsearch, name: str, *, bulk_load: bool = False) -> None:
    """Create an index; for a bulk load without refreshes or replicas (set back after)."""
    index = build_index(name)
    if bulk_load:
        index.settings(refresh_interval="-1", number_of_replicas=0)
    index.create(using=client)


def finish_bulk_load(client: Elasticsearch, name: str) -> None:
    replicas = index_settings().get("number_of_replicas", 1)
    client.indices.put_settings(index=name, settings={
        "index": {"refresh_interval": "1s", "number_of_replicas": replicas},
    })
    client.indices.refresh(index=name)


def indices_behind_alias(client: Elasticsearch) -> list[str]:
    if not client.indices.exists_alias(name=alias_name()):
        return []
    return sorted(client.indices.get_alias(name=alias_name()).body)


def versioned_indices(client: Elasticsearch) -> list[str]:
    """Every index this platform made (alias-<timestamp>), live or not."""
    found = client.indices.get(index=f"{alias_name()}-*", allow_no_indices=True,
                               ignore_unavailable=True).body
    return sorted(found)


def ensure_index(client: Elasticsearch) -> str:
    """The live index; creates a first one behind the alias when there is none."""
    live = indices_behind_alias(client)
    if live:
        return live[-1]
    name = new_index_name()
    create_index(client, name)
    client.indices.update_aliases(actions=[{"add": {"index": name, "alias": alias_name()}}])
    return name


def swap_alias(client: Elasticsearch, new_index: str) -> list[str]:
    """Point the alias at the new index in one atomic step; returns the old indices."""
    old = indices_behind_alias(client)
    actions = [{"remove": {"index": name, "alias": alias_name()}} for name in old]
    actions.append({"add": {"index": new_index, "alias": alias_name()}})
    client.indices.update_aliases(actions=actions)
    return old


def engine_document(key: str, document: dict[str, Any], content_hash: str, *,
                    title_terms: str = "", terms: str = "") -> dict[str, Any]:
    """The document as the engine receives it; `title_terms` and `terms` as the
    documents table holds them (search.text.term_string), made here when not given."""
    body = {name: value for name, value in document.items() if value not in (None, "", [])}
    body["key"] = key
    body["suggest"] = document.get("title", "")
    body["title_terms"] = title_terms or term_string(document.get("title", ""),
                                                     whole_words=True)
    body["terms"] = terms or term_string(" ".join(document.get(name, "") for name in
                                                  ("title", "summary", "body")))
    body["content_hash"] = content_hash
    if isinstance(body.get("date"), datetime):
        body["date"] = body["date"].isoformat()
    return body


def bulk_write(client: Elasticsearch, index: str,
               upserts: Iterable[tuple[str, dict[str, Any]]], deletes: Iterable[str],
               *, refresh: bool = False, retries: int = 0) -> list[str]:
    """Index and delete documents in one bulk request; returns the keys that failed
    (a delete of a document that is not there counts as done). With `retries`, the
    documents the engine rejects with 429 are sent again after a pause."""
    actions = [{"_op_type": "index", "_index": index, "_id": key, "_source": body}
               for key, body in upserts]
    actions += [{"_op_type": "delete", "_index": index, "_id": key} for key in deletes]
    if not actions:
        return []
    failed = []
    # One request per call (chunk_size covers every action), so that a caller retrying
    # a failed call never sends a part twice.
    for ok, item in helpers.streaming_bulk(client, actions, chunk_size=len(actions),
                                           raise_on_error=False, raise_on_exception=True,
                                           max_retries=retries,
                                           initial_backoff=settings.SEARCH_BULK_BACKOFF,
                                           max_backoff=MAX_BACKOFF_SECONDS, refresh=refresh):
        if not ok:
            operation, result = next(iter(item.items()))
            if operation == "delete" and result.get("status") == 404:
                continue
            logger.warning("Search index: %s of %s failed: %s", operation, result.get("_id"),
                           result.get("error"))
            failed.append(result.get("_id"))
    return failed


RETRIED_STATUSES = (429, 502, 503, 504)
MAX_BACKOFF_SECONDS = 60


def worth_retrying(error: Exception) -> bool:
    """A bulk request that timed out, found no connection, or met an engine too busy
    or briefly away (429, 502, 503, 504) may well pass a little later."""
    if isinstance(error, ApiError):
        return error.status_code in RETRIED_STATUSES
    return isinstance(error, (ConnectionError, ConnectionTimeout))


def bulk_write_patiently(client: Elasticsearch, index: str,
                         upserts: list[tuple[str, dict[str, Any]]], deletes: list[str],
                         *, on_retry: Callable[[Exception], None] | None = None) -> list[str]:
    """`bulk_write` for rebuilds: a request that fails as `worth_retrying` says is sent
    again up to SEARCH_BULK_RETRIES times, after SEARCH_BULK_BACKOFF seconds, doubling
    each time (documents the engine rejects with 429 inside an answer are retried the
    same way by the bulk helper). Returns the keys the engine refused."""
    for attempt in range(settings.SEARCH_BULK_RETRIES + 1):
        try:
            return bulk_write(client, index, upserts, deletes, retries=settings.SEARCH_BULK_RETRIES)
        except Exception as error:
            if not worth_retrying(error) or attempt == settings.SEARCH_BULK_RETRIES:
                raise
            pause = min(settings.SEARCH_BULK_BACKOFF * 2 ** attempt, MAX_BACKOFF_SECONDS)
            logger.warning("Search index: bulk request to %s failed (%s); again in %.1f s",
                           index, type(error).__name__, pause)
            if on_retry:
                on_retry(error)
            time.sleep(pause)
    raise AssertionError("unreachable")
