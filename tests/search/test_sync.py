"""The index follows the content: publish, unpublish, move, delete, rename, restrict;
nothing is lost while the engine is down; reconcile mends drift; a rebuild swaps in a
new index while searches and writes go on."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import PageViewRestriction

from search import service
from search.client import get_client
from search.index import alias_name, indices_behind_alias, versioned_indices
from search.models import IndexRebuild, SearchDocument
from search.rebuild import rebuild_index
from search.service import SearchRequest
from search.sources import page_key
from search.sync import pending_for_engine
from tests.home.factories import publish
from tests.repository.factories import SolutionPageFactory
from tests.search.indexing import index_now

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]

DOWN = "http://127.0.0.1:9"


def engine_titles() -> set[str]:
    with get_client() as client:
        client.indices.refresh(index=alias_name())
        hits = client.search(index=alias_name(), size=100, query={"match_all": {}})
    return {hit["_source"]["title"] for hit in hits["hits"]["hits"]}


@pytest.fixture
def engine(search_engine, settings, knowledge):
    settings.SEARCH_BACKEND = "elasticsearch"
    index_now()
    return knowledge


def test_publishing_syncs_after_commit(engine, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        publish(SolutionPageFactory(parent=engine["ulm"], model_project=engine["ulm"],
                                    title="Smarte Mülleimer", slug="muell"))
    assert "Smarte Mülleimer" in engine_titles()


def test_engine_down_during_publish_then_back_converges(engine, settings, search_engine):
    settings.ELASTICSEARCH_URL = DOWN
    new = publish(SolutionPageFactory(parent=engine["ulm"], model_project=engine["ulm"],
                                      title="Smarte Mülleimer", slug="muell"))
    engine["voting"].title = "Bürgerbeteiligung digital"
    publish(engine["voting"])
    engine["parking"].unpublish()
    handout_key = page_key(engine["handout"].pk)
    engine["handout"].delete()
    report = index_now_without_engine()
    assert report.error and report.failed == 4
    pending = pending_for_engine()
    assert pending.count() == 4 and all(row.attempts == 1 for row in pending)
    assert pending.get(key=handout_key).removed

    settings.ELASTICSEARCH_URL = search_engine
    index_now()
    titles = engine_titles()
    assert {"Smarte Mülleimer", "Bürgerbeteiligung digital"} <= titles
    assert not {"Bürgerbeteiligung online", "Digitales Parken in der Straße",
                "Die digitale Stadt gestalten"} & titles
    assert not pending_for_engine().exists()
    assert not SearchDocument.objects.filter(key=handout_key).exists()
    assert SearchDocument.objects.get(key=page_key(new.pk)).attempts == 0


def index_now_without_engine():
    from search.sync import sync_search_index_now

    return sync_search_index_now(force=True)


def test_renaming_a_tag_or_topic_reindexes_what_carries_it(engine):
    engine["mobility"].name = "Verkehr und Mobilität"
    engine["mobility"].save()
    tag = engine["parking"].tags.get(name="Sensorik")
    tag.name = "Sensornetze"
    tag.save()
    index_now()
    [hit] = service.search(SearchRequest(query="Parken Straße")).hits
    assert hit.topics == [("mobilitaet", "Verkehr und Mobilität")]
    facets = {facet.name: facet for facet in service.search(SearchRequest()).facets}
    assert ("sensorik", "Sensornetze") in [(value.value, value.label)
                                           for value in facets["tag"].values]


def test_moving_and_restricting_a_page_follows_at_once(engine, secret_group):
    restriction = PageViewRestriction.objects.create(
        page=engine["bamberg"], restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(secret_group)
    index_now()
    found = service.search(SearchRequest(query="Parken"))
    assert found.total == 0  # the solution below the restricted project went private
    restriction.delete()
    index_now()
    assert service.search(SearchRequest(query="Parken")).total == 1


def test_reconcile_mends_drift_on_both_sides(engine, capsys):
    with get_client() as client:
        client.delete(index=alias_name(), id=page_key(engine["voting"].pk), refresh=True)
        client.index(index=alias_name(), id="page:999999", refresh=True,
                     document={"title": "Verwaist", "visible_to": ["public"]})
    type(engine["handout"]).objects.filter(pk=engine["handout"].pk).update(
        title="Die digitale Stadt gestalten (2. Auflage)")  # bypasses every signal
    call_command("search_reconcile")
    output = capsys.readouterr().out
    assert "1 were rebuilt" in output
    assert "1 missing" in output and "1 orphaned" in output
    titles = engine_titles()
    assert "Bürgerbeteiligung online" in titles and "Verwaist" not in titles
    assert "Die digitale Stadt gestalten (2. Auflage)" in titles


def test_rebuild_with_concurrent_searches_and_writes(engine, django_capture_on_commit_callbacks):
    with get_client() as client:
        old_index = indices_behind_alias(client)
    answered = []

    def meanwhile(progress):
        if progress.done > 2 or answered:
            return
        # A search during the load still answers from the old index.
        answered.append(service.search(SearchRequest(query="Kommune")).total)
        with django_capture_on_commit_callbacks(execute=True):
            publish(SolutionPageFactory(parent=engine["ulm"], model_project=engine["ulm"],
                                        title="Smarte Mülleimer", slug="muell"))
            engine["voting"].title = "Bürgerbeteiligung digital"
            publish(engine["voting"])
            engine["handout"].delete()

    rebuild, state = rebuild_index(chunk_size=2, on_chunk=meanwhile)
    assert answered and answered[0] > 0
    assert state.done == rebuild.documents >= 7
    assert rebuild.status == "succeeded"
    assert not pending_for_engine().exists()  # the new live index holds every document
    with get_client() as client:
        assert indices_behind_alias(client) == [rebuild.index_name] != old_index
        assert versioned_indices(client) == [rebuild.index_name]
    titles = engine_titles()
    assert {"Smarte Mülleimer", "Bürgerbeteiligung digital"} <= titles
    assert not {"Bürgerbeteiligung online", "Die digitale Stadt gestalten"} & titles


def test_failed_rebuild_keeps_the_live_index_and_resumes_or_starts_fresh(engine, monkeypatch):
    from repository.search_sources import SolutionSource

    with get_client() as client:
        before = indices_behind_alias(client)

    def broken(self, page):
        raise RuntimeError("source broke half-way")

    with monkeypatch.context() as patch:
        patch.setattr(SolutionSource, "document", broken)
        with pytest.raises(CommandError, match=r"source broke half-way.*resume"):
            call_command("search_rebuild", "--chunk-size", "1")
    failed = IndexRebuild.objects.get()
    assert failed.status == "failed" and failed.resumable and failed.documents > 0
    with get_client() as client:
        assert indices_behind_alias(client) == before  # searches go on from the old one
        assert set(versioned_indices(client)) == {*before, failed.index_name}
    assert service.search(SearchRequest(query="Kommune")).total > 0

    # Fixed: the next run resumes in the same index, after what was loaded.
    call_command("search_rebuild", "--chunk-size", "1", stdout=StringIO(), stderr=StringIO())
    resumed = IndexRebuild.objects.get()
    assert resumed.pk == failed.pk and resumed.status == "succeeded"
    with get_client() as client:
        assert indices_behind_alias(client) == versioned_indices(client) == [failed.index_name]
    assert not pending_for_engine().exists()


def test_a_fresh_rebuild_drops_what_a_failed_one_loaded(engine, monkeypatch):
    from repository.search_sources import SolutionSource

    def broken(self, page):
        raise RuntimeError("source broke half-way")

    with monkeypatch.context() as patch:
        patch.setattr(SolutionSource, "document", broken)
        with pytest.raises(CommandError):
            call_command("search_rebuild", "--chunk-size", "1")
    failed = IndexRebuild.objects.get()
    call_command("search_rebuild", "--fresh", stdout=StringIO(), stderr=StringIO())
    failed.refresh_from_db()
    assert not failed.resumable and failed.error.startswith("Abandoned")
    fresh = IndexRebuild.objects.exclude(pk=failed.pk).get()
    with get_client() as client:
        assert versioned_indices(client) == [fresh.index_name]


def test_a_chunk_costs_the_same_queries_whatever_its_size(engine):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.rebuild import build_chunk
    from search.sources import PageFrame, source_named

    for number in range(12):
        solution = SolutionPageFactory(parent=engine["ulm"], model_project=engine["ulm"],
                                       title=f"Lösung {number}", slug=f"l-{number}")
        solution.topics.add(engine["mobility"])
        solution.tags.add(f"Schlagwort {number}")
        publish(solution)
    source = source_named("solution")
    new = source.queryset().filter(title__startswith="Lösung ").order_by("pk")
    frame = PageFrame()  # the view restrictions and site roots, once per rebuild
    costs = []
    for chunk in (new[:2], new[2:12]):
        with CaptureQueriesContext(connection) as captured:
            build_chunk(source, chunk, frame)
        costs.append(len(captured))
    # Their values with topics and tags, the upsert, the terms deleted and inserted
    # (tests/search/test_index_costs.py pins more cases).
    assert costs[0] == costs[1] == 4


def test_a_slow_engine_holds_publishing_no_longer_than_the_sync_timeout(knowledge, settings):
    """An engine that accepts connections but never answers: the job gives up after
    SEARCH_SYNC_TIMEOUT, publishing has succeeded, and the change waits as pending."""
    import socket

    from search.sync import sync_search_index_now

    with socket.socket() as silent:
        silent.bind(("127.0.0.1", 0))
        silent.listen(8)
        settings.ELASTICSEARCH_URL = f"http://127.0.0.1:{silent.getsockname()[1]}"
        settings.SEARCH_SYNC_TIMEOUT = 1
        page = publish(SolutionPageFactory(parent=knowledge["ulm"],
                                           model_project=knowledge["ulm"],
                                           title="Smarte Mülleimer", slug="muell"))
        report = sync_search_index_now(force=True)
    assert page.live
    assert "Timeout" in report.error
    row = SearchDocument.objects.get(key=page_key(page.pk))
    assert row.attempts == 1 and row.next_attempt_at is not None and not row.indexed_hash


def test_with_the_database_queue_the_worker_retries_after_an_outage(
        engine, settings, search_engine, django_capture_on_commit_callbacks, monkeypatch):
    """Production mode: jobs wait in the database (django-tasks-db) for `db_worker`; a
    job that finds the engine down queues its own retry for later."""
    from django.core.cache import cache

    # The worker recycles database connections between jobs; inside this test's
    # transaction (PostgreSQL, CONN_MAX_AGE 0) that would close the test's connection.
    monkeypatch.setattr("django_tasks_db.management.commands.db_worker.close_old_connections",
                        lambda: None)
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.ELASTICSEARCH_URL = DOWN
    with django_capture_on_commit_callbacks(execute=True):
        page = publish(SolutionPageFactory(parent=engine["ulm"], model_project=engine["ulm"],
                                           title="Smarte Mülleimer", slug="muell"))
    search_jobs = DBTaskResult.objects.filter(task_path="search.tasks.sync_search_index")
    assert search_jobs.exists()  # queued, not run: publishing did not wait for anything
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    retry = search_jobs.filter(status="READY").get()
    assert retry.run_after is not None and retry.run_after > timezone.now()

    settings.ELASTICSEARCH_URL = search_engine  # the engine is back; time passes
    search_jobs.update(run_after=timezone.now())
    SearchDocument.objects.update(next_attempt_at=timezone.now())
    cache.clear()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert "Smarte Mülleimer" in engine_titles()
    assert SearchDocument.objects.get(key=page_key(page.pk)).indexed_hash


def test_moving_a_page_updates_its_address_and_its_descendants(
        engine, django_capture_on_commit_callbacks):
    parking = engine["parking"]
    parking.move(engine["ulm"], pos="last-child")
    index_now()
    [hit] = service.search(SearchRequest(query="Parken Straße")).hits
    assert hit.url == "/de/projekte/ulm/parken/"
    engine["ulm"].slug = "ulm-zukunft"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail signals on commit
        publish(engine["ulm"])
    index_now()
    [hit] = service.search(SearchRequest(query="Parken Straße")).hits
    assert hit.url == "/de/projekte/ulm-zukunft/parken/"
