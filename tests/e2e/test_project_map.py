"""The project map by keyboard: a visitor tabs to a project's marker, hears its name, and
sees the facet filter change which markers are highlighted."""

from decimal import Decimal

import pytest

from repository.models import ModelProjectIndexPage
from tests.community.factories import MunicipalityFactory
from tests.e2e.accessibility import assert_accessible
from tests.home.factories import publish
from tests.repository.factories import ModelProjectPageFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED_MARKER = """() => {
  const link = document.activeElement;
  if (!link || !link.closest('.project-map__selected')) { return null; }
  return link.querySelector('title').textContent;
}"""
HIGHLIGHTED = """() => Array.from(document.querySelectorAll(
  '.project-map__selected .project-map__link title'), (title) => title.textContent)"""
DIMMED = """() => Array.from(document.querySelectorAll(
  '.project-map__dimmed .project-map__link title'), (title) => title.textContent)"""


def _tab_to_marker(page, limit: int = 80) -> str:
    """Presses Tab until a highlighted marker has the focus; returns its name."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        name = page.evaluate(FOCUSED_MARKER)
        if name:
            return name
    raise AssertionError("no map marker was reached by Tab")


def test_tab_to_a_marker_and_filter_what_the_map_highlights(browser_page, solutions_server):
    projects = ModelProjectIndexPage.objects.get(slug="projekte")
    publish(ModelProjectPageFactory(
        parent=projects, title="Smart City Bamberg", slug="bamberg", funding_phase=1,
        municipality=MunicipalityFactory(name="Bamberg", ags="09461000", federal_state="09",
                                         latitude=Decimal("49.89"), longitude=Decimal("10.89"))))
    page = browser_page
    page.goto(f"{solutions_server}/de/projekte/")
    assert page.evaluate(HIGHLIGHTED) == ["Smart City Bamberg (Bamberg)",
                                          "Zukunftsstadt Ulm (Ulm)"]
    assert _tab_to_marker(page) == "Smart City Bamberg (Bamberg)"
    # The focused marker is a link named by its project, as a screen reader announces it.
    assert page.evaluate("() => document.activeElement.getAttribute('href')") == \
        "/de/projekte/bamberg/"

    page.get_by_role("group", name="Bundesland").get_by_label("Baden-Württemberg").check()
    page.get_by_role("button", name="Filter anwenden").click()
    page.wait_for_url("**/de/projekte/?*federal_state=08*")
    assert page.evaluate(HIGHLIGHTED) == ["Zukunftsstadt Ulm (Ulm)"]
    assert page.evaluate(DIMMED) == ["Smart City Bamberg (Bamberg), nicht in dieser Auswahl"]
    # Dimmed markers stay out of the tab order: the first one reached is the selection's.
    assert _tab_to_marker(page) == "Zukunftsstadt Ulm (Ulm)"
    assert_accessible(page)
