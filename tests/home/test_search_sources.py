"""Standard pages are found by the site search."""

import pytest

from search import service
from search.service import SearchRequest
from search.sync import sync_search_index_now
from tests.home.factories import StandardPageFactory, publish

pytestmark = pytest.mark.django_db


def test_a_standard_page_is_found_by_its_body(site, settings):
    settings.SEARCH_BACKEND = "database"
    publish(StandardPageFactory(parent=site.root_page, title="Über uns", slug="ueber-uns",
                                intro="Die Koordinierungs- und Transferstelle stellt sich vor."))
    sync_search_index_now()
    [hit] = service.search(SearchRequest(query="Transferstelle")).hits
    assert hit.source == "page" and hit.url == "/de/ueber-uns/"
