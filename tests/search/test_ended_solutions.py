"""A solution that ended stays findable and ranks below an equal one still in operation,
on both backends."""

from __future__ import annotations

from datetime import date

import pytest

from repository.freshness import confirm_solution
from search import service
from search.service import SearchRequest
from tests.community.factories import MunicipalityFactory
from tests.home.factories import publish
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    SolutionPageFactory,
)
from tests.search.indexing import index_now

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]


def titles(query: str) -> list[str]:
    results = service.search(SearchRequest(query=query))
    return [hit.title.replace("<mark>", "").replace("</mark>", "") for hit in results.hits]


def test_an_ended_solution_ranks_below_an_equal_live_one(backend, site, frozen_clock):
    projects = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    project = publish(ModelProjectPageFactory(
        parent=projects, title="Zukunftsstadt Ulm", slug="ulm",
        municipality=MunicipalityFactory(name="Ulm", ags="08421000")))
    words = {"summary": "Sensoren melden freie Ladesäulen.",
             "problem": "<p>Ladesäulen sind oft belegt.</p>"}
    running = publish(SolutionPageFactory(parent=project, model_project=project,
                                          title="Ladesäulen-Radar Nord", **words))
    frozen_clock.shift(3600)  # the newer one wins a tie: it comes first while both run
    ending = publish(SolutionPageFactory(parent=project, model_project=project,
                                         title="Ladesäulen-Radar Süd", **words))
    index_now()
    assert titles("Ladesäulen") == [ending.title, running.title]

    confirm_solution(ending, maturity="pilot", operation="ended",
                     confirmed_on=date(2026, 6, 10), reason="Förderung ausgelaufen.")
    index_now()
    assert titles("Ladesäulen") == [running.title, ending.title]
