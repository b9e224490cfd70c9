"""A rebuild against an engine that misbehaves, behind a real proxy that counts what
reaches the engine: bulk requests that time out are retried with backoff, a rebuild
that gives up resumes where it stopped, the replay sends only what changed, and no
document is sent twice."""

from __future__ import annotations

from collections import Counter
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from search.models import IndexRebuild, SearchDocument
from search.rebuild import rebuild_index
from search.sources import page_key
from search.sync import pending_for_engine
from tests.engine_faults import EngineProxy
from tests.home.factories import publish
from tests.repository.factories import SolutionPageFactory
from tests.search.indexing import index_now

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]


@pytest.fixture
def proxied_engine(search_engine, settings, knowledge):
    with EngineProxy(search_engine) as proxy:
        settings.ELASTICSEARCH_URL = proxy.url
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.SEARCH_BULK_TIMEOUT = 0.5
        settings.SEARCH_BULK_BACKOFF = 0.01
        index_now()
        proxy.forwarded.clear()
        yield proxy


def bulk_to(proxy: EngineProxy, index: str) -> Counter:
    """How often each document was sent to this index (index operations)."""
    return Counter(action["index"]["_id"] for action in proxy.bulk_actions()
                   if "index" in action and action["index"]["_index"] == index)


def nth_bulk(*numbers: int):
    seen = []

    def matches(method: str, path: str) -> bool:
        if "_bulk" not in path:
            return False
        seen.append(path)
        return len(seen) in numbers
    return matches


def test_a_rebuild_survives_a_bulk_request_that_times_out_twice_and_replays_only_changes(
        proxied_engine, knowledge, django_capture_on_commit_callbacks):
    proxied_engine.hold(nth_bulk(1, 2), times=2, seconds=1.5)
    pages = {page_key(page.pk): page for page in (
        knowledge[name] for name in ("voting", "parking", "handout", "bamberg", "ulm"))}
    synced, unsynced = [], []

    def meanwhile(progress):
        running = IndexRebuild.objects.get(status="running").index_name
        loaded = [key for key in bulk_to(proxied_engine, running) if key in pages]
        if unsynced or len(loaded) < 2:
            return
        # Two pages the load has passed change. One change's index job runs at once
        # (and reaches both indices) …
        with django_capture_on_commit_callbacks(execute=True):
            pages[loaded[0]].title += " (neu)"
            publish(pages[loaded[0]])
        synced.append(loaded[0])
        # … the other's has not run yet when the load ends: the replay sends it.
        pages[loaded[1]].title += " (geändert)"
        publish(pages[loaded[1]])
        unsynced.append(loaded[1])

    rebuild, _state = rebuild_index(chunk_size=2, on_chunk=meanwhile)
    assert rebuild.status == "succeeded" and rebuild.retries == 2
    assert len(proxied_engine.refused) == 2  # held until the client gave up, never forwarded

    sent = bulk_to(proxied_engine, rebuild.index_name)
    documents = set(SearchDocument.objects.filter(removed=False).values_list("key", flat=True))
    assert set(sent) == documents
    # Every document once; only what changed after the load had passed it, twice.
    twice = {key for key, times in sent.items() if times > 1}
    assert twice <= set(synced + unsynced) and max(sent.values()) <= 2
    assert unsynced and rebuild.replayed == 1
    assert sent[synced[0]] == sent[unsynced[0]] == 2
    assert not pending_for_engine().exists()


def test_a_rebuild_that_gives_up_resumes_without_sending_anything_twice(
        proxied_engine, settings):
    settings.SEARCH_BULK_RETRIES = 1
    proxied_engine.hold(nth_bulk(2, 3), times=2, seconds=1.5)  # the second chunk, twice
    with pytest.raises(CommandError, match="resume"):
        call_command("search_rebuild", "--chunk-size", "2", stdout=StringIO(),
                     stderr=StringIO())
    failed = IndexRebuild.objects.get()
    assert failed.status == "failed" and failed.documents == 2

    err = StringIO()
    call_command("search_rebuild", "--chunk-size", "2", stdout=StringIO(), stderr=err)
    assert "Resuming" in err.getvalue()
    rebuild = IndexRebuild.objects.get()
    assert rebuild.status == "succeeded" and rebuild.replayed == 0
    sent = bulk_to(proxied_engine, rebuild.index_name)
    documents = set(SearchDocument.objects.filter(removed=False).values_list("key", flat=True))
    assert set(sent) == documents and set(sent.values()) == {1}
    assert not pending_for_engine().exists()


def test_an_engine_that_answers_503_gets_the_same_patience(proxied_engine, knowledge):
    proxied_engine.answer(nth_bulk(1), times=1, status=503)
    rebuild, _state = rebuild_index(chunk_size=50)
    assert rebuild.status == "succeeded" and rebuild.retries == 1
    sent = bulk_to(proxied_engine, rebuild.index_name)
    assert set(sent.values()) == {1}


def test_a_new_solution_published_during_the_rebuild_is_loaded_once(
        proxied_engine, knowledge, django_capture_on_commit_callbacks):
    added = []

    def meanwhile(progress):
        if added:
            return
        with django_capture_on_commit_callbacks(execute=True):
            added.append(publish(SolutionPageFactory(
                parent=knowledge["ulm"], model_project=knowledge["ulm"],
                title="Smarte Mülleimer", slug="muell")))

    rebuild, _state = rebuild_index(chunk_size=2, on_chunk=meanwhile)
    sent = bulk_to(proxied_engine, rebuild.index_name)
    assert sent[page_key(added[0].pk)] == 1  # not yet loaded: the sync left it to the load
