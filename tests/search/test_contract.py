"""One contract, two backends: every test here runs against the database backend and
against a real search engine (osmem-server, or ELASTICSEARCH_URL)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from search import service
from search.service import SearchRequest, principals_for

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]


def ask(query="", **kwargs) -> service.SearchResults:
    return service.search(SearchRequest(query=query, **kwargs))


def titles(results) -> list[str]:
    return [hit.title.replace("<mark>", "").replace("</mark>", "") for hit in results.hits]


def counts(results, facet) -> dict[str, int]:
    found = {item.name: item for item in results.facets}
    return {value.value: value.count for value in found[facet].values} if facet in found else {}


def test_a_query_for_kommune_finds_kommunen(indexed):
    assert "Smart City Bamberg" in titles(ask("Kommune"))


def test_umlaut_and_sharp_s_spellings_match(indexed):
    assert "Digitales Parken in der Straße" in titles(ask("Strasse"))
    assert "Bürgerbeteiligung online" in titles(ask("Burgerbeteiligung"))


def test_synonyms_find_the_other_word(indexed):
    assert "Digitales Parken in der Straße" in titles(ask("ÖPNV"))
    assert "Bürgerbeteiligung online" in titles(ask("Partizipation"))


def test_facets_count_what_the_other_facets_let_through(indexed):
    everything = ask("")
    assert counts(everything, "type") == {"model_project": 2, "solution": 2, "publication": 2}
    by_topic = ask("", filters={"topic": ("beteiligung",)})
    assert sorted(titles(by_topic)) == ["Bürgerbeteiligung online", "Die digitale Stadt gestalten",
                                       "Shaping the digital city"]
    # The topic facet itself still counts every topic; the type facet counts the topic's.
    assert counts(by_topic, "topic") == {"beteiligung": 3, "mobilitaet": 1}
    assert counts(by_topic, "type") == {"solution": 1, "publication": 2}
    labels = {value.value: value.label for facet in by_topic.facets for value in facet.values}
    assert labels["beteiligung"] == "Beteiligung"
    assert labels["08"] == "Baden-Württemberg"


def test_language_is_a_facet(indexed):
    results = ask("", filters={"language": ("en",)})
    assert titles(results) == ["Shaping the digital city"]
    assert counts(ask(""), "language") == {"de": 5, "en": 1}


def test_matches_are_highlighted_and_escaped(indexed):
    [hit] = [hit for hit in ask("Parkplätze").hits if "Parken" in hit.title]
    assert "<mark>" in hit.snippet
    assert "<script" not in hit.snippet


def test_a_typo_still_finds_and_did_you_mean_offers_the_real_spelling(indexed):
    results = ask("Bürgerbeteilgung")
    assert "Bürgerbeteiligung online" in titles(results)
    assert results.suggestion == "Bürgerbeteiligung"


def test_umlauts_typed_as_ue_find_and_are_offered_with_the_umlaut(indexed):
    results = ask("Buergerbeteiligung")
    assert "Bürgerbeteiligung online" in titles(results)
    assert results.suggestion == "Bürgerbeteiligung"


def test_a_word_inside_a_compound_is_found(indexed):
    # "Parksuchverkehr" in the parking solution's problem; "Verkehr" alone finds it.
    assert "Digitales Parken in der Straße" in titles(ask("Verkehr"))


def test_no_suggestion_for_a_query_spelt_right(indexed):
    assert ask("Bürgerbeteiligung").suggestion == ""


def test_type_ahead_completes_titles(indexed):
    found = service.suggest("Bürgerbet", language="de", principals=("public",))
    assert [item.title for item in found] == ["Bürgerbeteiligung online"]


def test_newest_first_sorts_by_date(indexed):
    results = ask("Kommunen", sort="newest")
    dates = [hit.date for hit in results.hits]
    assert dates == sorted(dates, reverse=True)


def test_private_page_reaches_nobody_outside_its_group(indexed, secret_group):
    outsider = ask("Geheimprojekt Wasserstoffbus")
    assert outsider.total == 0 and outsider.hits == []
    everything = ask("")
    assert "Geheimprojekt Wasserstoffbus" not in titles(everything)
    assert counts(everything, "tag").get("vertraulich") is None
    assert counts(everything, "maturity").get("idea") is None
    assert service.suggest("Geheim", language="de", principals=("public",)) == []
    assert ask("Geheimprojekt Wasserstofbus").suggestion == ""

    member = get_user_model().objects.create_user("mitglied", password="x")
    member.groups.add(secret_group)
    insider = ask("Geheimprojekt", principals=principals_for(member))
    assert titles(insider) == ["Geheimprojekt Wasserstoffbus"]


QUERY_SYNTAX = ['"', "(", "*", "~", "AND", "\\", "/", "Kommune AND (", 'title:"x"', "a~2 OR b*",
                "<script>alert(1)</script>", "x" * 200]


def test_query_syntax_is_just_text(indexed):
    for query in QUERY_SYNTAX:
        results = ask(query)
        assert results.total >= 0, query
        assert all("<script" not in hit.snippet for hit in results.hits)
    assert "Bürgerbeteiligung online" in titles(ask("Kommune AND ("))


def test_similar_content_shares_topics(indexed):
    similar = service.similar(f"page:{indexed['voting'].pk}", principals=("public",),
                              sources=(), language="de", limit=4)
    assert "Die digitale Stadt gestalten" in [hit.title for hit in similar]
    assert "Geheimprojekt Wasserstoffbus" not in [hit.title for hit in similar]
