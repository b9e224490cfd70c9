""""Auf einen Blick" on the solution listing: solutions by maturity and by field of
action, adoptions by federal state and size class and over time, each counted in one
grouped query and shown as an SVG chart with the same numbers in a table."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from repository.models import Adoption
from tests.community.factories import MunicipalityFactory
from tests.home.factories import publish
from tests.repository.factories import TopicFactory, add_solutions

pytestmark = pytest.mark.django_db


def _chart(html, slug):
    return html.split(f'id="chart-{slug}"')[1].split("</figure>")[0]


def _bars(chart):
    return [int(value) for value in re.findall(r'data-value="(\d+)"', chart)]


def _table(chart):
    rows = re.findall(r'<tr><th scope="row">(.*?)</th>(.*?)</tr>', chart.split("<tbody>")[1])
    return {re.sub(r"<[^>]+>", "", label): [int(cell) for cell in re.findall(r"<td>(\d+)</td>",
                                                                          cells)]
            for label, cells in rows}


@pytest.fixture
def ledger(catalogue):
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    parking = add_solutions(catalogue["ulm"], 3, maturity="pilot")
    for solution in parking[:2]:
        solution.topics.add(mobility)
        publish(solution)
    [app] = add_solutions(catalogue["bamberg"], 1, maturity="operation")
    husum = MunicipalityFactory(name="Husum", ags="01054056", federal_state="01",
                                size_class="kleinstadt")
    kiel = MunicipalityFactory(name="Kiel", ags="01002000", federal_state="01",
                               size_class="grossstadt")
    Adoption.objects.create(solution=app, municipality=husum, status="in_operation",
                            adopted_on=date(2023, 5, 1))
    Adoption.objects.create(solution=app, municipality=kiel, status="planned",
                            adopted_on=date(2025, 2, 1))
    Adoption.objects.create(solution=parking[0], municipality=kiel, status="dropped",
                            adopted_on=date(2024, 1, 1))
    return catalogue


def test_solutions_by_maturity_bars_and_table_agree_and_link_to_the_filter(client, ledger):
    html = client.get("/de/loesungen/").content.decode()
    assert '<h2 id="at-a-glance-heading">Auf einen Blick</h2>' in html
    chart = _chart(html, "solutions-by-maturity")
    assert "<title id=\"chart-solutions-by-maturity-title\">Lösungen nach Reifegrad" in chart
    assert _bars(chart) == [3, 1]
    assert _table(chart) == {"Idee": [0], "Prototyp": [0], "Pilot": [3], "Regelbetrieb": [1],
                             "Übertragen": [0]}
    assert 'href="/de/loesungen/?maturity=pilot">Pilot</a>' in chart


def test_solutions_by_field_of_action_counts_each_topic(client, ledger):
    chart = _chart(client.get("/de/loesungen/").content.decode(), "solutions-by-topic")
    assert _table(chart) == {"Mobilität": [2]} and _bars(chart) == [2]


def test_adoptions_leave_out_dropped_ones_and_split_by_size_class(client, ledger):
    html = client.get("/de/loesungen/").content.decode()
    by_state = _chart(html, "adoptions-by-state")
    # Schleswig-Holstein: one Kleinstadt, one Großstadt; the dropped one is not counted.
    assert _table(by_state) == {"Schleswig-Holstein": [1, 1, 2]}
    over_time = _chart(html, "adoptions-over-time")
    assert _table(over_time) == {"2023": [1, 0, 1], "2024": [1, 0, 1], "2025": [1, 1, 2]}
    assert "<polyline" in over_time


def test_the_charts_are_counted_once_per_change_of_content(client, ledger):
    """Three grouped counts fill the charts whatever the number of adoptions; a repeated
    request, a filter or another page reads them from the content cache, and a new
    adoption (a change of content) shows at once."""
    def adoption_queries(url):
        with CaptureQueriesContext(connection) as captured:
            html = client.get(url).content.decode()
        return len([query for query in captured if "repository_adoption" in query["sql"]]), html

    client.get("/de/loesungen/")  # the first look makes the pictures' renditions
    assert adoption_queries("/de/loesungen/")[0] <= 1
    for url in ("/de/loesungen/", "/de/loesungen/?maturity=pilot", "/de/loesungen/?page=2"):
        assert adoption_queries(url)[0] == 0
    [app] = add_solutions(ledger["ulm"], 1)
    for number in range(15):
        Adoption.objects.create(solution=app, status="in_operation",
                                adopted_on=date(2020 + number % 5, 1, 1),
                                municipality=MunicipalityFactory(ags=f"0900{number:04d}"))
    queries, html = adoption_queries("/de/loesungen/?maturity=pilot")
    assert queries == 1
    assert _table(_chart(html, "adoptions-over-time"))["2020"][-1] == 3
