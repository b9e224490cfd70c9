"""Searching in a real Chromium: the query box, type-ahead, a facet, the active-filter
chip, in both languages, with an accessibility check on each state of the page."""

import pytest

from tests.e2e.accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_filter_and_type_ahead(browser_page, solutions_server):
    page = browser_page
    page.goto(f"{solutions_server}/de/suche/")
    assert_accessible(page)

    box = page.get_by_label("Suchen nach")
    box.fill("Parkplätze")
    box.press("Enter")
    page.wait_for_url("**/de/suche/?q=Parkpl*")
    # The title match ranks first (SQLite's stems also find "Parkplatzsuche" below it).
    assert "Ergebnis" in page.locator("#results-heading").inner_text()
    assert page.locator(".card__title").first.inner_text() == "Freie Parkplätze in Echtzeit"
    assert page.locator("mark").first.inner_text().lower().startswith("parkpl")
    assert_accessible(page)

    page.goto(f"{solutions_server}/de/suche/?q=Digitale")
    page.get_by_label("Lösung (1)").check()
    page.get_by_role("button", name="Filter anwenden").press("Enter")
    page.wait_for_url("**type=solution*")
    assert page.get_by_role("link", name="Inhaltstyp: Lösung").is_visible()
    assert_accessible(page)

    box = page.get_by_label("Suchen nach")
    box.fill("")
    box.press_sequentially("Digitale Ba", delay=30)
    # A selector, not wait_for_function: a string predicate is eval'd in the page, which
    # the Content-Security-Policy (no 'unsafe-eval') refuses.
    page.locator("#search-suggestions option").first.wait_for(state="attached")
    assert page.locator("#search-suggestions option").first.get_attribute("value") == (
        "Digitale Bauakte")

    page.goto(f"{solutions_server}/en/search/?q=nichtsgefunden")
    assert page.get_by_role("heading", level=2, name="0 results").is_visible()
    assert_accessible(page)
