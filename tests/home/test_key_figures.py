""""Auf einen Blick" on the home page: each figure of the demo leads to the listing of what
it counts, in German and in English."""

import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.demo import install_demo
from tests.home.factories import StandardPageFactory, publish

pytestmark = pytest.mark.django_db

FIGURE = re.compile(
    r'<li class="key-figure">\s*<a class="key-figure__link" href="([^"]+)">'
    r'<span class="key-figure__value">([^<]+)</span>')


def figure_links(client, url: str) -> dict[str, str]:
    html = client.get(url).content.decode()
    figures = html.split('class="key-figures__list"')[1].split("</ul>")[0]
    return {value: href for href, value in FIGURE.findall(figures)}


def test_every_demo_figure_leads_to_its_listing_in_both_languages(client):
    install_demo()
    german, english = figure_links(client, "/de/"), figure_links(client, "/en/")
    assert german == {"73": "/de/projektdatenbank/", "820 Mio. €": "/de/modellprojekte/",
                      "3": "/de/projektdatenbank/", "5": "/de/start-smart/"}
    assert english == {"73": "/en/project-database/", "€820m": "/en/model-projects/",
                       "3": "/en/project-database/", "5": "/en/start-smart/"}
    # Each leads somewhere that lists what it counts.
    expectations = {"/de/projektdatenbank/": "Staffel 3 (2021)",
                    "/en/project-database/": "Phase 3 (2021)",
                    "/de/modellprojekte/": "Drei Staffeln",
                    "/de/start-smart/": "Die fünf Formate",
                    "/en/start-smart/": "Start Smart"}
    for url in [*german.values(), *english.values()]:
        response = client.get(url)
        assert response.status_code == 200, url
        if url in expectations:
            assert expectations[url] in response.content.decode(), url


def _home_with_figures(site, targets) -> None:
    home = site.root_page.specific
    home.key_figures = json.dumps([
        {"type": "figure", "value": {"value": str(index), "label": f"Zahl {index}", "note": "",
                                     "link": {"page": target.id, "url": ""}}}
        for index, target in enumerate(targets)])
    publish(home)


def _queries(client) -> int:
    client.get("/de/")
    client.get("/de/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/de/").status_code == 200
    return len(queries)


def test_figures_that_lead_to_pages_cost_the_same_queries_whatever_their_number(client, site):
    targets = [publish(StandardPageFactory(parent=site.root_page, slug=f"liste-{index}"))
               for index in range(4)]
    _home_with_figures(site, targets[:1])
    one = _queries(client)
    _home_with_figures(site, targets)
    assert _queries(client) == one
    assert set(figure_links(client, "/de/").values()) == {
        f"/de/liste-{index}/" for index in range(4)}
