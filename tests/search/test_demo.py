"""The demo is searchable as soon as `load_demo` has run."""

import pytest

from search import service
from search.models import SearchDocument
from search.reconcile import reconcile
from search.service import SearchRequest
from tests.demo import load_demo

pytestmark = pytest.mark.django_db


def test_demo_content_is_in_the_index(settings):
    settings.SEARCH_BACKEND = "database"
    output = load_demo()
    assert "Search index:" in output
    counts = {facet.name: {value.value: value.count for value in facet.values}
              for facet in service.search(SearchRequest()).facets}
    assert counts["type"]["solution"] >= 30 and counts["type"]["publication"] >= 8
    assert counts["language"]["en"] > 0
    found = service.search(SearchRequest(query="digitale Stadt gestalten"))
    assert any("Die digitale Stadt gestalten" in hit.title.replace("<mark>", "")
               .replace("</mark>", "") for hit in found.hits)
    again = reconcile()
    assert again.added == again.vanished == again.rebuilt == 0
    assert SearchDocument.objects.filter(stale=True).count() == 0
