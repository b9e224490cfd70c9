"""What building the index costs in SQL (issue 18): a chunk of the rebuild the same few
queries whatever its size, translations and tags; one publish synced in at most ten."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.client import get_client
from search.index import alias_name
from search.models import SearchDocument, SearchTerm
from search.rebuild import build_chunk
from search.signal_handlers import on_page_published
from search.sources import PageFrame, page_key, source_named
from tests.home.factories import publish, translate
from tests.repository.factories import PublicationPageFactory, SolutionPageFactory
from tests.search.indexing import index_now

pytestmark = pytest.mark.django_db

# A chunk: its objects with their topics and tags (one query), the documents' upsert,
# their terms deleted and inserted.
CHUNK_QUERIES = 4


def chunk_costs(source_name: str, sizes: tuple[int, ...]) -> list[int]:
    """Queries of building chunks of these sizes, one after the other, as a rebuild
    does (the view restrictions and site roots read once before)."""
    source = source_named(source_name)
    ids = list(source.queryset().order_by("pk").values_list("pk", flat=True))
    assert len(ids) >= sum(sizes)
    frame = PageFrame()
    costs, start = [], 0
    for size in sizes:
        with CaptureQueriesContext(connection) as captured:
            built, rows = build_chunk(source, source.queryset().filter(
                pk__in=ids[start:start + size]).order_by("pk"), frame)
        assert len(built) == len(rows) == size
        costs.append(len(captured))
        start += size
    return costs


def test_a_chunk_of_solutions_costs_the_same_queries_whatever_its_size(knowledge):
    """Chunks of 2 and 24 solutions, with topics, tags and English translations (whose
    topic names come in English), each in CHUNK_QUERIES queries."""
    projects = knowledge["ulm"].get_parent()
    translate(projects, "en", title="Projects", slug="projects")
    translate(knowledge["ulm"], "en", title="Future city Ulm", slug="ulm-en")
    for number in range(12):
        solution = SolutionPageFactory(parent=knowledge["ulm"], model_project=knowledge["ulm"],
                                       title=f"Lösung {number}", slug=f"l-{number}")
        solution.topics.add(knowledge["mobility"])
        solution.tags.add(f"Schlagwort {number}", "Sensorik")
        publish(solution)
        translate(solution, "en", title=f"Solution {number}", slug=f"s-{number}")
    assert chunk_costs("solution", (2, 24)) == [CHUNK_QUERIES, CHUNK_QUERIES]
    english = SearchDocument.objects.get(title="Solution 3")
    assert english.locale == "en" and english.url.startswith("/en/")
    assert english.fields["tags"] == ["schlagwort-3", "sensorik"]
    assert english.fields["topic_labels"] == ["Mobilität"]  # no English topic here
    assert set(SearchTerm.objects.filter(document=english, field="tags")
               .values_list("value", flat=True)) == {"schlagwort-3", "sensorik"}


def test_a_chunk_of_publications_costs_the_same_queries_whatever_its_size(knowledge):
    publications = knowledge["handout"].get_parent()
    for number in range(8):
        page = PublicationPageFactory(parent=publications, title=f"Leitfaden {number}",
                                      slug=f"leitfaden-{number}", year=2020 + number % 3)
        page.tags.add("Leitfaden")
        publish(page)
    assert chunk_costs("publication", (1, 8)) == [CHUNK_QUERIES, CHUNK_QUERIES]


def test_a_chunk_leaves_a_document_the_sync_changed_meanwhile(knowledge):
    """The rebuild writes a row only when the sync has not touched it since the chunk
    began: a newer reading is never overwritten by an older one."""
    from django.utils import timezone

    source = source_named("solution")
    key = page_key(knowledge["parking"].pk)
    index_now()
    SearchDocument.objects.filter(key=key).update(
        title="Vom Sync", updated_at=timezone.now() + timezone.timedelta(minutes=1))
    _ids, rows = build_chunk(source, source.queryset().filter(pk=knowledge["parking"].pk))
    assert rows == []
    assert SearchDocument.objects.get(key=key).title == "Vom Sync"


@pytest.mark.search_engine
def test_one_publish_syncs_in_at_most_ten_queries(knowledge, search_engine, settings,
                                                  django_capture_on_commit_callbacks):
    """The search's share of a publish: marking the document stale, rebuilding it and
    sending it to the engine (the sync task runs after the commit)."""
    settings.SEARCH_BACKEND = "elasticsearch"
    index_now()
    page = knowledge["voting"]
    page.title = "Bürgerbeteiligung digital"
    publish(page)  # its own sync waits for a commit that never comes in a test
    with CaptureQueriesContext(connection) as captured, \
            django_capture_on_commit_callbacks(execute=True):
        on_page_published(sender=type(page.specific), instance=page.specific)
    with get_client() as client:
        held = client.get(index=alias_name(), id=page_key(page.pk))["_source"]
    assert held["title"] == "Bürgerbeteiligung digital"
    assert len(captured) <= 10, "\n".join(query["sql"][:120] for query in captured)
