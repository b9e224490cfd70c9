"""The search page and /api/v2/search/: same parameters, same answer; bad input is a
clear 400, an engine that does not answer a 503 or the database's answer."""

from __future__ import annotations

import pytest

from tests.home.factories import publish
from tests.queries import warm_query_count
from tests.repository.factories import SolutionPageFactory
from tests.search.indexing import index_now

pytestmark = pytest.mark.django_db

DOWN = "http://127.0.0.1:9"  # the discard port: nothing listens there


@pytest.fixture
def indexed_db(knowledge, settings):
    settings.SEARCH_BACKEND = "database"
    index_now()
    return knowledge


def test_search_page_shows_hits_facets_and_a_live_count(client, indexed_db):
    response = client.get("/de/suche/?q=Kommunen&type=solution")
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-live="polite"' in html and "1 Ergebnis" in html
    assert "Bürgerbeteiligung online" in html and "<mark>" in html
    assert 'name="type" value="solution" checked' in html
    assert "Inhaltstyp: Lösung" in html  # the active-filter chip
    assert "Geheimprojekt" not in html


def test_english_search_page_lives_at_its_english_address(client, indexed_db):
    response = client.get("/en/search/?q=digital")
    assert response.status_code == 200
    assert "Shaping the <mark>digital</mark> city" in response.content.decode()


def test_a_misspelt_query_still_finds_and_suggests_the_spelling(client, indexed_db):
    html = client.get("/de/suche/?q=Bürgerbeteilgung").content.decode()
    assert "Meinten Sie:" in html and "<mark>Bürgerbeteiligung</mark> online" in html


def test_an_empty_result_offers_popular_topics(client, indexed_db):
    html = client.get("/de/suche/?q=Xylophonkonzert").content.decode()
    assert "Beliebte Themen" in html and "?topic=beteiligung" in html


BAD_INPUT = ["page=0", "page=abc", "page=²", "page=٣", "page=000", "page_size=%C2%B2",
             "q=" + "x" * 10_000, "farbe=rot", "year=zwanzig",
             "type=rezept", "language=fr", "sort=random", "page_size=0", "facets=farbe"]


def test_bad_input_is_a_400_with_a_message(client, indexed_db):
    for query in BAD_INPUT:
        page = client.get(f"/de/suche/?{query}")
        assert page.status_code == 400, query
        assert 'role="alert"' in page.content.decode()
        api = client.get(f"/api/v2/search/?{query}")
        assert api.status_code == 400, query
        assert api.json()["message"]


def test_a_page_number_of_thousands_of_digits_is_no_server_error(client, indexed_db):
    """The page reads it as the last page there can be; the API, whose schema states the
    range, refuses it with a message."""
    for query in ["page=" + "9" * 5000, "page_size=" + "9" * 5000]:
        assert client.get(f"/de/suche/?{query}").status_code == 200, query
        api = client.get(f"/api/v2/search/?{query}")
        assert api.status_code == 400 and api.json()["message"], query
    assert client.get("/api/v2/search/?page=0001").status_code == 200


def test_unknown_locale_in_the_api_is_a_400(client, indexed_db):
    response = client.get("/api/v2/search/?locale=xx")
    assert response.status_code == 400
    assert "de, en" in response.json()["message"]


def test_query_syntax_characters_are_searched_as_text(client, indexed_db):
    for query in ['"', "(", "*", "~", "AND", "\\", "/", "Kommune)(*~"]:
        assert client.get("/de/suche/", {"q": query}).status_code == 200, query
        assert client.get("/api/v2/search/", {"q": query}).status_code == 200, query


def test_a_page_far_beyond_the_end_is_empty_not_an_error(client, indexed_db):
    response = client.get("/api/v2/search/?page=1000000000")
    assert response.status_code == 200
    assert response.json()["items"] == [] and response.json()["meta"]["total_count"] == 6
    assert client.get("/de/suche/?page=1000000000").status_code == 200


def test_api_answers_like_the_page(client, indexed_db):
    data = client.get("/api/v2/search/?q=Kommune&topic=beteiligung&locale=de").json()
    assert sorted(item["title"] for item in data["items"]) == [
        "Bürgerbeteiligung online", "Die digitale Stadt gestalten"]
    assert data["meta"]["total_count"] == 2
    facets = {facet["name"]: facet for facet in data["facets"]}
    topic = {value["value"]: value for value in facets["topic"]["values"]}
    assert topic["beteiligung"]["selected"] and topic["beteiligung"]["label"] == "Beteiligung"


def test_type_ahead_endpoint(client, indexed_db):
    data = client.get("/api/v2/search/suggest/?q=Digitales%20Pa").json()
    assert [item["title"] for item in data["items"]] == ["Digitales Parken in der Straße"]
    assert client.get("/api/v2/search/suggest/?q=Geheim").json()["items"] == []
    assert client.get("/api/v2/search/suggest/?q=Di&nonsense=1").status_code == 400


def test_engine_down_gives_503_when_told_not_to_fall_back(client, indexed_db, settings):
    settings.ELASTICSEARCH_URL, settings.SEARCH_BACKEND = DOWN, "elasticsearch"
    settings.SEARCH_FALLBACK = "unavailable"
    page = client.get("/de/suche/?q=Kommune")
    assert page.status_code == 503
    assert "vorübergehend nicht verfügbar" in page.content.decode()
    assert client.get("/api/v2/search/?q=Kommune").status_code == 503


def test_engine_down_answers_from_the_database_by_default(client, indexed_db, settings):
    settings.ELASTICSEARCH_URL, settings.SEARCH_BACKEND = DOWN, "elasticsearch"
    data = client.get("/api/v2/search/?q=Kommune").json()
    assert data["meta"]["backend"] == "database" and data["meta"]["total_count"] == 3


def test_query_counts_are_pinned_whatever_the_number_of_hits(client, indexed_db):
    api, page = "/api/v2/search/?q=Kommune", "/de/suche/?q=Kommune&topic=beteiligung"
    # One of them reads the vocabulary's generation (typo tolerance, "did you mean").
    assert warm_query_count(client, api) == SEARCH_API_QUERIES
    assert warm_query_count(client, page) == SEARCH_PAGE_QUERIES
    for number in range(12):
        solution = SolutionPageFactory(
            parent=indexed_db["ulm"], model_project=indexed_db["ulm"], slug=f"k-{number}",
            title=f"Kommunen vernetzen {number}", summary="Für Kommunen.")
        solution.topics.add(indexed_db["mobility"])
        solution.tags.add(f"Schlagwort {number}")
        publish(solution)
    index_now()
    assert warm_query_count(client, api) == SEARCH_API_QUERIES
    assert warm_query_count(client, page) == SEARCH_PAGE_QUERIES


# The frame comes from the cache (home/content_cache.py), and so do the facets' labels
# (topic and tag names, one query per source before).
SEARCH_API_QUERIES = 5
SEARCH_PAGE_QUERIES = 6
