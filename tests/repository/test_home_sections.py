"""The home page leads somewhere: ways in for the audiences, the search field, the
newest solutions with their pictures and the latest adoptions ("Husum übernimmt …"),
in a number of queries that does not grow with the content."""

import json
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePage
from repository.models import Adoption
from tests.community.factories import MunicipalityFactory
from tests.home.factories import publish
from tests.repository.factories import add_solutions

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(site, catalogue):
    page = site.root_page.specific
    page.featured = json.dumps([
        {"type": "slot", "value": {"heading": "Neue Lösungen", "slot": "newest_solutions",
                                   "limit": 3}},
        {"type": "slot", "value": {"heading": "Übernahmen", "slot": "latest_adoptions",
                                   "limit": 4}}])
    publish(page)
    return catalogue


def _adopt(solution, name, ags, adopted_on):
    Adoption.objects.create(solution=solution, status="in_progress", adopted_on=adopted_on,
                            municipality=MunicipalityFactory(name=name, ags=ags))


def test_home_page_shows_ways_in_search_solutions_and_adoptions(client, home):
    [app] = add_solutions(home["ulm"], 1, title="Mängelmelder")
    _adopt(app, "Husum", "01054056", date(2026, 5, 1))
    html = client.get("/de/").content.decode()
    assert 'role="search"' in html and 'id="home-search-query"' in html
    assert "Wie möchten Sie einsteigen?" in html
    assert 'href="/de/loesungen/">Eine Lösung finden</a>' in html
    assert "Mängelmelder" in html.split("Neue Lösungen")[1]
    assert "Husum übernimmt „Mängelmelder“" in html
    assert "In Umsetzung · Mai 2026" in html


def test_home_page_queries_do_not_grow_with_solutions_and_adoptions(client, home):
    def queries():
        # Twice: a new site's first request creates its settings and so retires the
        # cached frame once (home.content_cache).
        client.get("/de/")
        client.get("/de/")
        with CaptureQueriesContext(connection) as captured:
            client.get("/de/")
        assert len(captured) == 0  # the sections are cached with the content generation
        # What filling the cache costs, after a change of content.
        page = HomePage.objects.get(locale__language_code="de")
        with CaptureQueriesContext(connection) as captured:
            page._featured_sections(None)
        return len(captured)

    [first] = add_solutions(home["ulm"], 1)
    _adopt(first, "Husum", "01054056", date(2025, 1, 1))
    few = queries()
    more = add_solutions(home["bamberg"], 6)
    for number, solution in enumerate(more):
        _adopt(solution, f"Ort {number}", f"0305{number:04d}", date(2026, 1 + number, 1))
    # The two slots' own queries: solutions, adoptions, the adopted solutions' language
    # versions; the frame and the ways in come from the cache.
    assert queries() == few == 3
