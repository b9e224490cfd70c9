"""Events and series in search: found by their words, filtered and counted by format,
mode and month, upcoming ones ranked above past ones, cancelled ones marked, and the
index kept in step when editors publish, move or unpublish an event."""

from __future__ import annotations

import pytest
from django.utils import timezone, translation
from django.utils.translation import gettext

from events.ical import BERLIN
from events.models import EventFormat, EventMode, EventSeriesPage
from search import service
from search.client import get_client
from search.index import alias_name
from search.service import SearchRequest
from tests.events.factories import event_calendar, in_days, make_event, make_series
from tests.home.factories import publish, translate
from tests.repository.factories import TopicFactory
from tests.search.indexing import index_now

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]


def ask(query: str = "", **kwargs) -> service.SearchResults:
    return service.search(SearchRequest(query=query, **kwargs))


def titles(results: service.SearchResults) -> list[str]:
    return [hit.title.replace("<mark>", "").replace("</mark>", "") for hit in results.hits]


def facet(results: service.SearchResults, name: str) -> list[tuple[str, str, int]]:
    found = {item.name: item for item in results.facets}
    return [(v.value, v.label, v.count) for v in found[name].values] if name in found else []


def month_of(event) -> str:
    return timezone.localtime(event.start, BERLIN).strftime("%Y-%m")


@pytest.fixture
def calendar(site):
    return event_calendar(site)


@pytest.fixture
def programme(calendar):
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    kickoff = make_event(calendar, title="Kick-off Datenstrategie", start=in_days(20),
                         summary="Grundlagen für Kommunen am Anfang.")
    kickoff.topics.add(mobility)
    publish(kickoff)
    workshop = make_event(calendar, title="Themenwerkstatt Quartiersentwicklung",
                          format=EventFormat.THEME_WORKSHOP, mode=EventMode.ON_SITE,
                          place="Rathaus Ulm", start=in_days(80), hours=3.5,
                          summary="Klimagerechte Stadtentwicklung für Kommunen.")
    past = make_event(calendar, title="Regionalkonferenz Süd", start=in_days(-40),
                      format=EventFormat.REGIONAL_CONFERENCE, mode=EventMode.HYBRID,
                      place="Bamberg", summary="Modellprojekte zeigen Kommunen ihre Ergebnisse.")
    return {"kickoff": kickoff, "workshop": workshop, "past": past}


def test_events_are_found_and_faceted_by_format_mode_and_month(backend, programme):
    index_now()
    everything = ask("Kommunen", language="en")
    assert set(titles(everything)) == {"Kick-off Datenstrategie",
                                       "Themenwerkstatt Quartiersentwicklung",
                                       "Regionalkonferenz Süd"}
    assert {value for value, _label, _count in facet(everything, "type")} == {"event"}
    assert facet(everything, "event_mode") and {
        value: label for value, label, _count in facet(everything, "event_mode")} == {
        "virtual": "Virtual", "on-site": "On site", "hybrid": "Hybrid"}
    formats = {value: label for value, label, _count in facet(everything, "event_format")}
    assert formats["kickoff"] == "Kick-off workshop"
    months = facet(everything, "event_month")
    # Listed in calendar order, named in the request's language.
    assert [value for value, _label, _count in months] == sorted(
        {month_of(event) for event in programme.values()})
    workshop_month = month_of(programme["workshop"])
    with translation.override("en"):
        from events.listing import month_label

        assert (workshop_month, month_label(workshop_month), 1) in months

    on_site = ask("Kommunen", filters={"event_mode": ("on-site",)}, language="en")
    assert titles(on_site) == ["Themenwerkstatt Quartiersentwicklung"]
    in_month = ask("", filters={"event_month": (workshop_month,)})
    assert titles(in_month) == ["Themenwerkstatt Quartiersentwicklung"]
    kickoffs = ask("", filters={"event_format": ("kickoff",), "topic": ("mobilitaet",)})
    assert titles(kickoffs) == ["Kick-off Datenstrategie"]


def test_the_search_page_and_api_take_the_event_facets(client, backend, programme):
    index_now()
    month = month_of(programme["kickoff"])
    data = client.get(f"/api/v2/search/?event_month={month}&event_mode=virtual").json()
    assert [item["title"] for item in data["items"]] == ["Kick-off Datenstrategie"]
    page = client.get("/de/suche/?q=Kommunen&event_format=theme-workshop")
    assert page.status_code == 200
    assert "Themenwerkstatt Quartiersentwicklung" in page.content.decode()
    assert "Regionalkonferenz Süd" not in page.content.decode()


def test_an_upcoming_event_ranks_above_a_past_one_that_matches_as_well(backend, calendar):
    # Same words, same lengths: only the date separates them. The lift is small and
    # capped (search.contract.EVENT_BOOST_NEAR), so it decides between equals but does
    # not flood broad queries with events (tests/search/test_relevance.py).
    past = make_event(calendar, title="Werkstatt Beteiligung Nord", start=in_days(-30),
                      summary="Ein Austausch über Beteiligung.")
    upcoming = make_event(calendar, title="Werkstatt Beteiligung Ost", start=in_days(7),
                          summary="Ein Austausch über Beteiligung.")
    later = make_event(calendar, title="Werkstatt Beteiligung Süd", start=in_days(60),
                       summary="Ein Austausch über Beteiligung.")
    index_now()
    assert titles(ask("Beteiligung")) == [upcoming.title, later.title, past.title]


def test_cancelled_events_are_marked_and_lose_their_boost(backend, calendar):
    event = make_event(calendar, title="Kick-off Digitalisierung", start=in_days(12))
    event.is_cancelled = True
    event.cancellation_note = "Die Referentin ist erkrankt."
    publish(event)
    translate(event, "en", title="Kick-off digitalisation", slug="kick-off-digital")
    index_now()
    results = ask("Kick-off")
    found = dict(zip((hit.language for hit in results.hits), titles(results), strict=True))
    with translation.override("de"):
        german = gettext("Cancelled: %(title)s") % {"title": "Kick-off Digitalisierung"}
    assert found == {"de": german, "en": "Cancelled: Kick-off digitalisation"}
    assert titles(ask("erkrankt", filters={"language": ("de",)})) == [german]


def test_a_series_is_found_with_the_months_and_modes_of_its_sessions(backend, calendar):
    series = make_series(calendar, sessions=3)
    index_now()
    results = ask("Mobilität", filters={"type": ("event_series",)})
    assert titles(results) == ["Peer-Learning Mobilität"]
    sessions = list(series.sessions())
    months = {value for value, _label, _count in facet(results, "event_month")}
    assert months == {month_of(session) for session in sessions}
    last = sessions[-1]
    assert titles(ask("", filters={"type": ("event_series",),
                                   "event_month": (month_of(last),)})) == [series.title]


def test_publishing_moving_and_unpublishing_events_update_the_index(
        search_engine, settings, calendar, django_capture_on_commit_callbacks):
    settings.SEARCH_BACKEND = "elasticsearch"
    series = make_series(calendar, sessions=2, first_in_days=10)
    index_now()
    with django_capture_on_commit_callbacks(execute=True):
        event = make_event(calendar, title="Regionalkonferenz Nord", start=in_days(15),
                           format=EventFormat.REGIONAL_CONFERENCE, mode=EventMode.ON_SITE,
                           place="Hamburg")
    refresh()
    assert titles(ask("Regionalkonferenz")) == ["Regionalkonferenz Nord"]

    # Moved by two months: the month facet follows.
    event.start, event.end = in_days(75), in_days(75, hour=16)
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    refresh()
    assert titles(ask("", filters={"event_month": (month_of(event),)})) == [event.title]

    # A new session publishes into the series' document too.
    with django_capture_on_commit_callbacks(execute=True):
        added = make_event(series, title="Sitzung 3", start=in_days(120, hour=14))
    refresh()
    assert titles(ask("", filters={"type": ("event_series",),
                                   "event_month": (month_of(added),)})) == [series.title]

    with django_capture_on_commit_callbacks(execute=True):
        event.unpublish()
    refresh()
    assert titles(ask("Regionalkonferenz")) == []


def refresh() -> None:
    with get_client() as client:
        client.indices.refresh(index=alias_name())


@pytest.mark.parametrize("source_name", ["event", "event_series"])
def test_a_chunk_of_events_or_series_costs_the_same_queries_whatever_its_size(
        site, calendar, source_name):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from search.rebuild import build_chunk
    from search.sources import source_named
    from tests.community.factories import MunicipalityFactory
    from tests.home.factories import ContactPersonFactory
    from tests.repository.factories import ModelProjectIndexPageFactory, ModelProjectPageFactory

    topic = TopicFactory(name="Mobilität", slug="mobilitaet")
    speaker = ContactPersonFactory(name="Erika Muster")
    projects = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    host = publish(ModelProjectPageFactory(
        parent=projects, title="Smart City Bamberg", slug="bamberg",
        municipality=MunicipalityFactory(name="Bamberg", ags="09461000")))
    for number in range(5):
        series = publish(calendar.add_child(instance=EventSeriesPage(
            title=f"Reihe {number}", slug=f"reihe-{number}", format=EventFormat.PEER_LEARNING,
            summary="Sitzungen", locale_id=calendar.locale_id)))
        sessions = [make_event(series, title=f"Sitzung {number}.{session}",
                               start=in_days(10 + 7 * session)) for session in range(2)]
        for page in (series, *sessions):
            page.host = host
            page.topics.add(topic)
            page.speakers.add(speaker)
            publish(page)
    source = source_named(source_name)
    pages = list(source.queryset().order_by("pk"))
    costs = []
    for chunk in (pages[:1], pages[1:2], pages[2:]):
        with CaptureQueriesContext(connection) as captured:
            build_chunk(source, source.queryset().filter(pk__in=[p.pk for p in chunk]))
        costs.append(len(captured))
    # The first chunk also fills caches (the site's root paths).
    # 17: one of them checks that the sync changed none of the rows meanwhile.
    assert costs[1] == costs[2] <= 17
