"""The bilingual site in a real Chromium: language switching, keyboard and axe checks."""


import pytest

from tests.demo import install_demo
from tests.e2e.accessibility import assert_accessible

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

@pytest.fixture
def demo_server(live_server):
    install_demo("home")
    return live_server.url


def test_home_page_in_both_languages_via_the_switcher(browser_page, demo_server):
    page = browser_page
    page.goto(f"{demo_server}/de/")
    assert page.get_attribute("html", "lang") == "de"
    assert page.locator("h1").inner_text() == (
        "Wissen aus den Modellprojekten Smart Cities für alle Kommunen"
    )
    assert_accessible(page)

    page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").click()
    page.wait_for_url(f"{demo_server}/en/")
    assert page.get_attribute("html", "lang") == "en"
    assert page.locator("h1").inner_text() == (
        "Knowledge from the Model Projects Smart Cities for every municipality"
    )
    assert_accessible(page)


def test_switcher_keeps_the_reader_on_the_same_page(browser_page, demo_server):
    page = browser_page
    page.goto(f"{demo_server}/de/start-smart/")
    assert_accessible(page)
    page.get_by_role("navigation", name="Sprache").get_by_role("link", name="English").click()
    page.wait_for_url(f"{demo_server}/en/start-smart/")
    assert page.locator("h1").inner_text() == "Start Smart"
    assert_accessible(page)
    page.get_by_role("navigation", name="Language").get_by_role("link", name="Deutsch").click()
    page.wait_for_url(f"{demo_server}/de/start-smart/")


def test_keyboard_users_can_skip_to_the_content(browser_page, demo_server):
    page = browser_page
    page.goto(f"{demo_server}/de/ueber-uns/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Zum Inhalt springen"
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.id === 'main'")


def test_faq_accordion_opens_with_the_keyboard(browser_page, demo_server):
    page = browser_page
    page.goto(f"{demo_server}/de/start-smart/")
    question = page.get_by_text("Was kostet die Teilnahme?")
    answer = page.get_by_text("Alle Formate von Start Smart sind für Kommunen kostenfrei.")
    assert not answer.is_visible()
    question.focus()
    page.keyboard.press("Enter")
    assert answer.is_visible()


@pytest.mark.parametrize("path", ["/de/ueber-uns/", "/en/contact/", "/en/about-us/"])
def test_pages_with_contacts_partners_and_calls_to_action_are_accessible(
    browser_page, demo_server, path,
):
    response = browser_page.goto(f"{demo_server}{path}")
    assert response.status == 200
    assert_accessible(browser_page)


def test_unknown_language_page_is_accessible(browser_page, demo_server):
    response = browser_page.goto(f"{demo_server}/fr/")
    assert response.status == 404
    assert_accessible(browser_page)


def test_not_found_page_is_accessible(browser_page, demo_server):
    page = browser_page
    response = page.goto(f"{demo_server}/en/no-such-page/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Page not found"
    assert_accessible(page)
