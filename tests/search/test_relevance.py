"""The relevance floor: the judged queries of the relevance set (tests/search/relevance.py)
over its fixed corpus, on the database backend and on the search engine. The benchmark
(`make bench-relevance`) prints the same figures with Wagtail's built-in search beside
them; this test keeps them from silently dropping, and checks the ranking behaviours of
issue 17 on the same corpus.

Loading the corpus takes most of the time (about 20 s per backend), so one test per
backend loads it once and runs each check, each a function named for what it protects.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from search import service
from search.contract import MARK_END, MARK_START
from search.service import SearchRequest
from tests.search.indexing import index_now
from tests.search.relevance import evaluate, load_corpus, platform_searcher, report
from tests.search.relevance_cases import CASES, ISSUE_EXAMPLES, Case
from tests.search.relevance_corpus import CORPUS

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]

# Measured 2026-11-30 on SQLite and the in-memory engine (search/README.md,
# "Relevance"): hits@5 0.994 and 1.000, MRR 0.93 on both. The floors sit a little
# below, so that a change that loses a few cases fails here.
FLOOR_HITS_AT_5 = 0.95
FLOOR_MRR = 0.85


def test_relevance_and_ranking_of_issue_17(site, client, backend):
    corpus = load_corpus(site)
    index_now()
    relevance_stays_above_its_floor(corpus, backend)
    type_ahead_completes_inside_compounds_in_the_readers_language()
    highlights_survive_a_match_at_the_end_of_a_field()
    a_broad_query_mixes_content_types_instead_of_listing_events(corpus)
    pages_of_a_mixed_ranking_neither_repeat_nor_skip()
    the_readers_forum_posts_show_and_a_closed_groups_never(corpus)
    the_other_language_follows_below_and_is_marked(client)


def relevance_stays_above_its_floor(corpus: dict[str, str], backend: str) -> None:
    score = evaluate(platform_searcher(corpus))
    lines = "\n".join(report(backend, score))
    assert score.hits_at_5 >= FLOOR_HITS_AT_5, lines
    assert score.mrr >= FLOOR_MRR, lines
    failing_examples = [outcome.case.query for outcome in score.failures()
                        if outcome.case.query in ISSUE_EXAMPLES]
    assert not failing_examples, lines
    assert {case.query for case in CASES} >= ISSUE_EXAMPLES
    german = sum(case.language == "de" for case in CASES)
    assert german >= 80 and len(CASES) - german >= 20


def type_ahead_completes_inside_compounds_in_the_readers_language() -> None:
    def titles(prefix: str, language: str = "de") -> list[str]:
        return [item.title for item in service.suggest(prefix, language=language,
                                                       principals=("public",))]

    assert "On-Demand-Angebot im Nahverkehr" in titles("Nahv")
    assert "Bürgerbeteiligung online" in titles("Buerg")
    assert "Smarte Straßenbeleuchtung" in titles("Beleucht")
    assert "Smart street lighting" not in titles("Smart")
    assert "Smart street lighting" in titles("Smart", "en")


def highlights_survive_a_match_at_the_end_of_a_field() -> None:
    results = service.search(SearchRequest(query="Straßenbeleuchtung", facets=()))
    [hit] = [hit for hit in results.hits if "Straßenbeleuchtung" in hit.title]
    assert "<mark>" in hit.title
    assert MARK_START not in hit.title and MARK_END not in hit.snippet


def kinds(corpus: dict[str, str], query: str) -> list[str]:
    """The corpus kind of each of the first ten hits (solution, event, ...)."""
    by_key = {doc.key: doc.kind for doc in CORPUS}
    results = service.search(SearchRequest(query=query, facets=()))
    return [by_key.get(corpus.get(hit.key, ""), hit.source) for hit in results.hits]


def a_broad_query_mixes_content_types_instead_of_listing_events(corpus: dict[str, str]
                                                                ) -> None:
    # Issue 17: "Smart City" showed no solution in its first ten, although half of the
    # hits are solutions; here seven upcoming events carry it in their title.
    first_ten = kinds(corpus, "Smart City")
    assert {"solution", "event"} <= set(first_ten[:5]), first_ten
    assert first_ten.count("solution") >= 2, first_ten


def pages_of_a_mixed_ranking_neither_repeat_nor_skip() -> None:
    def keys(page: int, size: int) -> list[str]:
        results = service.search(SearchRequest(query="Stadt", facets=(), page=page,
                                               page_size=size))
        return [hit.key for hit in results.hits]

    whole = keys(1, 50)
    assert len(whole) > 25 and len(set(whole)) == len(whole)
    # Pages of seven cross the end of the mixed window (search.contract.DIVERSITY_WINDOW).
    paged = [key for page in range(1, 6) for key in keys(page, 7)]
    assert paged == whole[:35]


def the_readers_forum_posts_show_and_a_closed_groups_never(corpus: dict[str, str]) -> None:
    found = platform_searcher(corpus)
    for query in ("Zuwendungsbescheid", "Haushaltssperre", "Kämmerer"):
        keys = found(Case("forum", query, ()))
        assert not [key for key in keys if key.startswith("forum-intern")], (query, keys)
    assert found(Case("forum", "Wasserturm", ()))[:1] == ["forum-gateways#2"]


def the_other_language_follows_below_and_is_marked(client: Any) -> None:
    with translation.override("de"):
        url = reverse("search:search")
    page = client.get(url, {"q": "Dashboard"}).content.decode()
    cards = re.findall(r'<li class="card"( lang="en")?>\s*<p class="card__meta">([^<]*)</p>'
                       r'\s*<h3 class="card__title"><a href="[^"]*">(.*?)</a>', page)
    titles = [re.sub("<[^>]+>", "", title) for _, _, title in cards]
    german = titles.index("Stadtdashboard für den Gemeinderat")
    english = titles.index("City dashboard for the council")
    assert german < english
    assert all(not lang for lang, _, _ in cards[:english])
    assert cards[english][0] == ' lang="en"' and cards[english][1].endswith("· EN")
