"""A municipality's staff member filters the solution listing and opens a solution, in a
real Chromium, with an accessibility check on each page."""

import pytest

from tests.e2e.accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_filter_the_solutions_and_open_one(browser_page, solutions_server):
    page = browser_page
    page.goto(f"{solutions_server}/de/loesungen/")
    assert page.get_by_role("heading", name="2 Ergebnisse").is_visible()
    assert_accessible(page)

    page.get_by_role("group", name="Reifegrad").get_by_label("Regelbetrieb").check()
    page.get_by_role("button", name="Filter anwenden").click()
    page.wait_for_url("**/de/loesungen/?*maturity=operation*")
    assert page.get_by_role("heading", name="1 Ergebnis").is_visible()
    assert page.get_by_role("link", name="Digitale Bauakte").count() == 0
    assert_accessible(page)

    page.get_by_role("link", name="Freie Parkplätze in Echtzeit").click()
    page.wait_for_url(f"{solutions_server}/de/projekte/ulm/parken/")
    assert page.locator("h1").inner_text() == "Freie Parkplätze in Echtzeit"
    assert_accessible(page)


def test_project_database_with_map_is_accessible(browser_page, solutions_server):
    browser_page.goto(f"{solutions_server}/de/projekte/")
    assert browser_page.locator(".project-map svg > title").text_content().startswith("Karte")
    assert_accessible(browser_page)
    browser_page.goto(f"{solutions_server}/de/projekte/ulm/")
    assert_accessible(browser_page)
