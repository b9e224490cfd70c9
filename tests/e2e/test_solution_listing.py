"""A municipality's staff member filters the solution listing and opens a solution, in a
real Chromium, with an accessibility check on each page."""

import pytest

from tests.baseline import restore_migrated_baseline
from tests.community.factories import MunicipalityFactory
from tests.e2e.test_bilingual_site import assert_accessible
from tests.home.factories import bilingual_site, publish
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    SolutionIndexPageFactory,
    SolutionPageFactory,
    TopicFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def solutions_server(live_server):
    restore_migrated_baseline()
    site = bilingual_site()
    projects = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    ulm = publish(ModelProjectPageFactory(
        parent=projects, title="Zukunftsstadt Ulm", slug="ulm",
        municipality=MunicipalityFactory(name="Ulm", ags="08421000", size_class="grossstadt")))
    publish(SolutionIndexPageFactory(parent=site.root_page, slug="loesungen", title="Lösungen"))
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    parking = SolutionPageFactory(parent=ulm, model_project=ulm, slug="parken",
                                  title="Freie Parkplätze in Echtzeit", maturity="operation")
    parking.topics.add(mobility)
    publish(parking)
    publish(SolutionPageFactory(parent=ulm, model_project=ulm, slug="akte",
                                title="Digitale Bauakte", maturity="pilot"))
    return live_server.url


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
