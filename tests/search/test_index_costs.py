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


# -- the other plugins' sources -------------------------------------------------------------

SIZES = (2, 12)


@pytest.fixture
def plugins_content(knowledge, site, secret_group):
    """Content of every other source, as real as it comes: translations, topics in two
    languages, speakers, hosts, outcomes, series with sessions, a cancelled event, view
    restrictions (members, a group), public, closed and secret peer groups with hidden
    threads and posts, FAQ entries in two languages (one of a restricted solution)."""
    import uuid

    from django.contrib.auth.models import Group
    from wagtail.models import Locale, PageViewRestriction
    from wagtail.rich_text import RichText

    from community.models import GroupVisibility, PeerGroupIndexPage, PeerGroupPage, Post, Thread
    from events.models import EventMode
    from repository.models import FaqEntry
    from tests.community.factories import make_user
    from tests.events.factories import event_calendar, in_days, make_event, make_series
    from tests.home.factories import ContactPersonFactory, StandardPageFactory
    from tests.repository.factories import english_topic

    english = Locale.objects.get(language_code="en")
    english_topic(knowledge["mobility"], "Mobility")
    translate(knowledge["ulm"].get_parent(), "en", title="Projects", slug="projects")
    ulm_en = translate(knowledge["ulm"], "en", title="Future city Ulm", slug="ulm-en")
    speakers = [ContactPersonFactory(name=name) for name in ("Zora Zeller", "Anna Albers")]
    calendar = event_calendar(site)
    made = {"calendar": calendar, "ulm_en": ulm_en, "speakers": speakers}
    events = []
    for number in range(8):
        event = make_event(calendar, title=f"Werkstatt {number}", start=in_days(number * 9 - 30),
                           mode=EventMode.HYBRID if number % 2 else EventMode.VIRTUAL,
                           place="Rathaus Ulm" if number % 2 else "",
                           description=f"<p>Wir sprechen über <b>Daten</b> {number}.</p>",
                           target_group="Kommunen am Anfang",
                           host=knowledge["ulm"] if number % 3 else None,
                           is_cancelled=number == 5, cancellation_note="Erkrankt." if
                           number == 5 else "")
        event.topics.add(knowledge["mobility"])
        event.speakers.add(*speakers)
        event.outcomes = [("results", RichText(f"<p>Ergebnis &amp; Folgen {number}</p>")),
                          ("repository_link", {"page": knowledge["parking"],
                                               "label": "Zur Lösung"})]
        publish(event)
        events.append(translate(event, "en", title=f"Workshop {number}",
                                slug=f"workshop-{number}", summary=f"About {number}"))
    made["events"] = events
    series = [make_series(calendar, title=f"Reihe {number}", sessions=2,
                          slug=f"reihe-{number}", first_in_days=number * 5 - 20)
              for number in range(7)]
    for number, one in enumerate(series):
        one.topics.add(knowledge["mobility"])
        one.speakers.add(speakers[0])
        one.host = knowledge["ulm"]
        publish(one)
        translate(one, "en", title=f"Series {number}", slug=f"series-{number}")
        first = one.sessions().first()
        first.is_cancelled = number == 1
        publish(first)
    restricted = series[3]
    PageViewRestriction.objects.create(page=restricted,
                                       restriction_type=PageViewRestriction.LOGIN)
    made["series"] = series

    members_only = StandardPageFactory(parent=site.root_page, title="Intern", slug="intern")
    publish(members_only)
    translate(members_only, "en", title="Internal", slug="internal")
    PageViewRestriction.objects.create(page=members_only,
                                       restriction_type=PageViewRestriction.LOGIN)
    person = speakers[1]
    for number in range(14):
        page = StandardPageFactory(
            parent=members_only if number % 4 == 0 else site.root_page,
            title=f"Seite {number}", slug=f"seite-{number}",
            intro="" if number % 2 else f"Einführung {number}",
            search_description=f"Beschreibung {number}",
            body=[("heading", {"text": f"Abschnitt {number}", "level": 2}),
                  ("paragraph", RichText(f"<p>Text &amp; mehr {number}</p>")),
                  ("contact_person", {"person": person}),
                  ("faq", {"items": [{"question": f"Frage {number}?",
                                      "answer": RichText("<p>Antwort.</p>")}]})])
        publish(page)
        if number % 3 == 0:
            translate(page, "en", title=f"Page {number}", slug=f"page-{number}")
    group_restricted = StandardPageFactory(parent=site.root_page, title="Gruppe", slug="gruppe")
    publish(group_restricted)
    restriction = PageViewRestriction.objects.create(
        page=group_restricted, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(secret_group, Group.objects.create(name="Zweite Gruppe"))

    index = site.root_page.add_child(instance=PeerGroupIndexPage(
        title="Peergruppen", slug="peergruppen", locale_id=site.root_page.locale_id))
    publish(index)
    translate(index, "en", title="Peer groups", slug="peer-groups")
    author = make_user("autorin")
    groups, threads = [], []
    for number in range(15):
        visibility = [GroupVisibility.PUBLIC, GroupVisibility.CLOSED,
                      GroupVisibility.SECRET][number % 3]
        group = index.add_child(instance=PeerGroupPage(
            title=f"Gruppe {number}", slug=f"gruppe-{number}", topic=f"Thema {number}",
            description=f"<p>Wir &amp; die <i>Daten</i> {number}</p>", visibility=visibility,
            locale_id=index.locale_id))
        publish(group)
        group = PeerGroupPage.objects.get(pk=group.pk)
        if number % 5 == 0:
            translate(group, "en", title=f"Group {number}", slug=f"group-{number}")
        groups.append(group)
        thread = Thread.objects.create(group=group, title=f"Frage {number}", author=author,
                                       is_hidden=number in (1, 4))
        threads.append(thread)
        if number != 7:  # a thread without posts
            Post.objects.create(thread=thread, author=author, body="*Versteckt*",
                                is_hidden=True)
            Post.objects.create(thread=thread, author=author, body=f"Erster **Beitrag** {number}")
            Post.objects.create(thread=thread, author=author, body=f"Antwort {number}",
                                is_hidden=number == 2)
    made["groups"], made["threads"] = groups, threads

    entries = []
    for number in range(7):
        solution = knowledge["secret"] if number == 6 else knowledge["parking"]
        key = uuid.uuid4()
        entries.append(FaqEntry.objects.create(
            solution=solution, question_text=f"Wie viele Sensoren {number}?",
            answer_text=f"Einen je Stellplatz {number}.", translation_key=key,
            locale=solution.locale))
        entries.append(FaqEntry.objects.create(
            solution=solution, question_text=f"How many sensors {number}?",
            answer_text=f"One per space {number}.", translation_key=key, locale=english))
    made["faq"] = entries
    return made


# Queries per chunk of each source at SIZES before it built from plain values (issue 18),
# and now: its objects with what the documents need (one query), the documents' upsert,
# their terms deleted and inserted, and where documents are found by no one (hidden
# threads and posts, FAQ entries without a public page) and no engine waits for the
# removal, their rows deleted.
SOURCE_QUERIES = {
    "event": CHUNK_QUERIES,  # before: 8, 9
    "event_series": CHUNK_QUERIES,  # before: 9, 9
    "page": CHUNK_QUERIES,  # before: 4, 16 (a contact person block: a query a page)
    # English entries of a solution not translated are found by no one.
    "faq": CHUNK_QUERIES + 1,  # before: 10, 10
    "peer_group": CHUNK_QUERIES,  # before: 4, 4
    "thread": CHUNK_QUERIES + 1,  # before: 5, 8
    "post": CHUNK_QUERIES + 1,  # before: 7, 7
}


@pytest.mark.parametrize("name", sorted(SOURCE_QUERIES))
def test_a_chunk_of_any_source_costs_the_same_few_queries(plugins_content, name):
    assert chunk_costs(name, SIZES) == [SOURCE_QUERIES[name]] * len(SIZES)


def test_documents_built_from_values_are_those_built_from_instances(plugins_content):
    """Every field of every document (title, summary, body, facets, URL, locale, who may
    find it, dates, boosts) as the sources built it from model instances before
    (tests/search/instance_sources.py), for the same objects."""
    from search.sources import RegisteredSource
    from tests.search import instance_sources

    references = {"event": instance_sources.EventSource, "faq": instance_sources.FaqSource,
                  "event_series": instance_sources.EventSeriesSource,
                  "page": instance_sources.StandardPageSource,
                  "peer_group": instance_sources.PeerGroupSource,
                  "thread": instance_sources.ThreadSource,
                  "post": instance_sources.PostSource}
    frame = PageFrame()
    for name, reference in references.items():
        source = source_named(name)
        old = RegisteredSource(reference())
        before = {key: document for _pk, key, document in
                  old.build(list(old.queryset().order_by("pk")), frame)}
        after = {key: document for _pk, key, document in
                 source.build(source.queryset().order_by("pk"), frame)}
        assert len(after) >= 14 and any(after.values()), name
        assert set(after) == set(before), name
        for key, document in before.items():
            assert after[key] == document, (name, key)
    # The content covers what may go wrong: found by no one, by members, by a group.
    built = {key: document for name in references for _pk, key, document in
             source_named(name).build(source_named(name).queryset(), frame)}
    seen = {tuple(document["visible_to"]) if document else () for document in built.values()}
    assert {(), ("public",), ("members",)} <= seen
    assert any(principals and principals[0].startswith("group:") for principals in seen)
