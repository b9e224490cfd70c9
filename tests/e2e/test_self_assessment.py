"""The self-assessment in a real Chromium: filled in without JavaScript (the municipality
found through the picker's search step) and with it; the questionnaire and the result
pass axe at 390 and 1366 px. With SCREENSHOT_DIR set, it keeps screenshots of both."""

import os

import pytest

from tests.e2e.accessibility import assert_accessible
from tests.events.self_assessment_helpers import landscape, seed_stages
from tests.home.factories import bilingual_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")
FORM = "/de/start-smart/selbstcheck/"
WIDTHS = ((1366, 900), (390, 1000))

AT_THE_START = {
    "Hat Ihre Kommune eine Smart-City- oder Digitalstrategie?":
        "Noch nicht, und bisher ist keine geplant",
    "Wer arbeitet in Ihrer Verwaltung an der digitalen Entwicklung?": "Niemand im Besonderen",
    "Wie weit sind Ihre Daten und Ihre digitale Infrastruktur?":
        "Die meisten Abläufe laufen noch auf Papier",
    "Wie beteiligen Sie die Bürgerinnen und Bürger an digitalen Vorhaben?": "Noch nicht",
    "Wie ist Ihre Arbeit an der Digitalisierung finanziert?": "Es gibt kein Budget dafür",
}


@pytest.fixture
def server(live_server):
    seed_stages()
    landscape(bilingual_site())
    return live_server.url


def answer(page, answers: dict[str, str]) -> None:
    for question, label in answers.items():
        page.get_by_role("group", name=question).get_by_label(label, exact=True).check()


def check_and_shoot(page, name: str) -> None:
    for width, height in WIDTHS:
        page.set_viewport_size({"width": width, "height": height})
        assert_accessible(page)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{name} is {overflow} px wider than {width} px"
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/{name}-{width}.png", full_page=True)


def test_filled_in_without_javascript(chromium, server):
    context = chromium.new_context(locale="de-DE", java_script_enabled=False)
    page = context.new_page()
    page.goto(server + FORM)
    page.locator("#id_municipality").fill("Kleinwalde")
    page.get_by_role("button", name="Suchen").click()
    page.get_by_label("Kleinwalde (Brandenburg)").check()
    answer(page, AT_THE_START)
    page.get_by_role("button", name="Mein Ergebnis anzeigen").click()
    assert page.locator("h1").inner_text() == "Ihr Selbstcheck"
    assert "P1: Orientierung" in page.locator("main").inner_text()
    assert page.get_by_role("link", name="Dorf-App").is_visible()
    page.get_by_role("link", name="Unterstützung bei der Geschäftsstelle anfragen").click()
    assert page.get_by_label("Eine Erstberatung").is_checked()
    context.close()


def test_with_javascript_and_axe_at_both_widths(browser_page, server):
    page = browser_page
    page.goto(server + FORM)
    check_and_shoot(page, "self-assessment-form")
    page.get_by_role("button", name="Mein Ergebnis anzeigen").click()
    assert page.get_by_role("alert").is_visible()
    check_and_shoot(page, "self-assessment-errors")
    answer(page, AT_THE_START)
    page.get_by_label("Größe Ihrer Kommune, falls sie nicht in der Liste steht").select_option(
        "landgemeinde")
    page.get_by_label("Bundesland, falls Ihre Kommune nicht in der Liste steht").select_option(
        "12")
    page.get_by_role("button", name="Mein Ergebnis anzeigen").click()
    assert page.locator("h1").inner_text() == "Ihr Selbstcheck"
    assert page.get_by_role("link", name="Auftaktwerkstatt Herbst").is_visible()
    check_and_shoot(page, "self-assessment-result")
