"""An engine that lost documents is noticed by the next sync, which sends them again:
restarted empty, its index deleted, or documents gone from a live index."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from search.client import get_client
from search.index import alias_name, indices_behind_alias
from search.models import IndexRepair, SearchDocument
from search.sources import page_key
from search.sync import pending_for_engine
from tests.engine_faults import EngineProxy
from tests.search.indexing import index_now
from tests.search_engine import PlainJsonNode

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]


def engine_keys() -> set[str]:
    with get_client() as client:
        client.indices.refresh(index=alias_name())
        hits = client.search(index=alias_name(), size=1000, query={"match_all": {}},
                             source=False)
    return {hit["_id"] for hit in hits["hits"]["hits"]}


def document_keys() -> set[str]:
    return set(SearchDocument.objects.filter(removed=False).values_list("key", flat=True))


def search_sync() -> str:
    out = StringIO()
    call_command("search_sync", stdout=out)
    return out.getvalue()


@pytest.fixture
def restartable_engine(settings, osmem_server, knowledge):
    """An in-memory engine behind a proxy: closing it and cloning a fresh one behind
    the same address is an engine that restarted without its data."""
    engine = osmem_server.clone()
    with EngineProxy(engine.url) as proxy:
        settings.ELASTICSEARCH_URL = proxy.url
        settings.ELASTICSEARCH_CLIENT_OPTIONS = {"node_class": PlainJsonNode}
        settings.SEARCH_BACKEND = "elasticsearch"
        index_now()

        def restart_empty() -> None:
            nonlocal engine
            engine.close()
            engine = osmem_server.clone()
            proxy.upstream = engine.url

        yield restart_empty
        engine.close()


def test_an_engine_restarted_empty_gets_every_document_back_at_the_next_sync(
        restartable_engine):
    expected = document_keys()
    assert len(expected) >= 7 and engine_keys() == expected
    restartable_engine()
    output = search_sync()
    assert f"{len(expected)} sent to the engine, 0 pending" in output
    assert engine_keys() == expected
    assert not pending_for_engine().exists()
    repair = IndexRepair.objects.get()
    assert (repair.reason, repair.expected, repair.found, repair.resent) == (
        "new_index", len(expected), 0, len(expected))
    assert search_sync().startswith("0 documents rebuilt")  # nothing more to do
    assert IndexRepair.objects.count() == 1


@pytest.fixture
def engine(search_engine, settings, knowledge):
    settings.SEARCH_BACKEND = "elasticsearch"
    index_now()
    return knowledge


def test_an_alias_pointing_nowhere_is_noticed_and_rebuilt(engine):
    expected = document_keys()
    with get_client() as client:
        for name in indices_behind_alias(client):
            client.indices.delete(index=name)  # the alias goes with its index
    search_sync()
    assert engine_keys() == expected
    assert IndexRepair.objects.get().reason == "new_index"


def test_documents_missing_from_a_live_index_are_sent_again(engine, admin_client):
    lost = [page_key(engine["voting"].pk), page_key(engine["handout"].pk)]
    with get_client() as client:
        for key in lost:
            client.delete(index=alias_name(), id=key, refresh=True)
    output = search_sync()
    assert "2 sent to the engine, 0 pending" in output
    assert set(lost) <= engine_keys()
    repair = IndexRepair.objects.get()
    assert (repair.reason, repair.expected - repair.found, repair.resent) == ("missing", 2, 2)

    report = admin_client.get("/admin/search-index/").content.decode()
    assert "Dokumente fehlten in der Suchmaschine" in report


def test_a_sync_with_nothing_lost_repairs_nothing(engine):
    search_sync()
    search_sync()
    assert not IndexRepair.objects.exists()
