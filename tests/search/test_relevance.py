"""The relevance floor: the judged queries of the relevance set (tests/search/relevance.py)
over its fixed corpus, on the database backend and on the search engine. The benchmark
(`make bench-relevance`) prints the same figures with Wagtail's built-in search beside
them; this test only keeps them from silently dropping."""

from __future__ import annotations

import pytest

from search import service
from search.contract import MARK_END, MARK_START
from search.service import SearchRequest
from tests.search.conftest import index_now
from tests.search.relevance import evaluate, load_corpus, platform_searcher, report
from tests.search.relevance_cases import CASES, ISSUE_EXAMPLES

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]

# Measured 2026-11-30 (see the README's search section); a change that lowers a figure
# below its floor fails here.
FLOOR_HITS_AT_5 = 0.9
FLOOR_MRR = 0.8


@pytest.fixture
def corpus(site, backend):
    keys = load_corpus(site)
    index_now()
    return keys


def test_the_relevance_set_stays_above_its_floor(corpus, backend):
    score = evaluate(platform_searcher(corpus))
    lines = "\n".join(report(backend, score))
    assert score.hits_at_5 >= FLOOR_HITS_AT_5, lines
    assert score.mrr >= FLOOR_MRR, lines
    failing_examples = [outcome.case.query for outcome in score.failures()
                        if outcome.case.query in ISSUE_EXAMPLES]
    assert not failing_examples, lines
    assert {case.query for case in CASES} >= ISSUE_EXAMPLES


def test_type_ahead_completes_inside_compounds_in_the_readers_language(corpus, backend):
    def titles(prefix: str, language: str = "de") -> list[str]:
        return [item.title for item in service.suggest(prefix, language=language,
                                                       principals=("public",))]

    assert "On-Demand-Angebot im Nahverkehr" in titles("Nahv")
    assert "Bürgerbeteiligung online" in titles("Buerg")
    assert "Smarte Straßenbeleuchtung" in titles("Beleucht")
    assert "Smart street lighting" not in titles("Smart")
    assert "Smart street lighting" in titles("Smart", "en")


def test_highlights_survive_a_match_at_the_end_of_a_field(corpus, backend):
    results = service.search(SearchRequest(query="Straßenbeleuchtung", facets=()))
    [hit] = [hit for hit in results.hits if "Straßenbeleuchtung" in hit.title]
    assert "<mark>" in hit.title
    assert MARK_START not in hit.title and MARK_END not in hit.snippet
