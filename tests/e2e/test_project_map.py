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


FOCUSED = """() => {
  const element = document.activeElement;
  const title = element.querySelector(':scope > title');
  return {tag: element.tagName.toLowerCase(), className: element.getAttribute('class'),
          name: title ? title.textContent : element.textContent.trim()};
}"""


def _tab_until(page, class_name: str, limit: int = 80) -> dict:
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused["className"] == class_name:
            return focused
    raise AssertionError(f"Tab never reached .{class_name}")


def test_states_by_keyboard_and_a_skip_link_past_the_markers(browser_page, solutions_server):
    page = browser_page
    page.goto(f"{solutions_server}/de/projekte/")
    skip = _tab_until(page, "project-map__skip")
    assert skip["name"] == "Karte überspringen"
    assert page.get_by_role("link", name="Karte überspringen").is_visible()
    # Past every state and marker in one step: the next stop is the map as a list.
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["name"] == "Die Karte als Liste: Modellprojekte nach Ländern"

    page.goto(f"{solutions_server}/de/projekte/")
    # The states come in the order of their keys, as in the filter's list.
    state = _tab_until(page, "project-map__area")
    assert state["name"] == "Schleswig-Holstein: 0 Modellprojekte (nur diese zeigen)"
    for _ in range(7):
        page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED)["name"] == \
        "Baden-Württemberg: 1 Modellprojekt (nur diese zeigen)"
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/projekte/?federal_state=08")
    assert page.evaluate(HIGHLIGHTED) == ["Zukunftsstadt Ulm (Ulm)"]
    assert_accessible(page)
