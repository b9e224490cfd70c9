"""The solution listing's four charts in the browser: each an image named by its title and
description, each with its numbers as a table one click away, axe-clean with every table
open (axe skips what a closed details hides)."""

from datetime import date

import pytest

from repository.models import Adoption, SolutionPage
from tests.community.factories import MunicipalityFactory
from tests.e2e.accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CHARTS = """() => Array.from(document.querySelectorAll('#at-a-glance figure.chart'), (figure) => {
  const svg = figure.querySelector('svg[role="img"]');
  const names = svg ? svg.getAttribute('aria-labelledby').split(' ') : [];
  return {
    name: names.map((id) => document.getElementById(id).textContent).join(' | '),
    rows: Array.from(figure.querySelectorAll('table tbody tr'), (row) =>
      Array.from(row.cells, (cell) => cell.textContent.trim())),
    tableVisible: figure.querySelector('table').checkVisibility(),
  };
})"""


def test_four_charts_each_with_its_table_and_axe_clean(browser_page, solutions_server):
    parking = SolutionPage.objects.get(slug="parken")
    husum = MunicipalityFactory(name="Husum", ags="01054056", federal_state="01",
                                size_class="kleinstadt")
    Adoption.objects.create(solution=parking, municipality=husum, status="in_operation",
                            adopted_on=date(2024, 5, 1))
    page = browser_page
    page.goto(f"{solutions_server}/de/loesungen/")
    charts = page.evaluate(CHARTS)
    assert [chart["name"].split(" | ")[0] for chart in charts] == [
        "Lösungen nach Reifegrad", "Lösungen nach Handlungsfeld",
        "Übernahmen nach Bundesland", "Übernahmen im Zeitverlauf"]
    assert all(chart["name"].split(" | ")[1] for chart in charts)
    assert not any(chart["tableVisible"] for chart in charts)

    for summary in page.get_by_text("Zahlen als Tabelle anzeigen").all():
        summary.click()
    charts = page.evaluate(CHARTS)
    assert all(chart["tableVisible"] and chart["rows"] for chart in charts)
    # Husum's adoption in its state's row, summed in the last column.
    assert [(row[0], row[-1]) for row in charts[2]["rows"]] == [("Schleswig-Holstein", "1")]
    assert_accessible(page)
