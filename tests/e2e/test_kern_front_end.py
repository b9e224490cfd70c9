"""The public front end on KERN in a real Chromium: every page type passes axe (WCAG 2.1
A/AA) at phone and desktop width without horizontal scrolling at 320 px, the W3C Nu
HTML Checker (vnu-jar from npm, run with the machine's Java) finds no error in any of
them, and a keyboard-only visitor on a phone opens the menu, searches, filters, opens a
solution and registers for an event."""

from __future__ import annotations

import re
import shutil

import pytest

from community.demo import DEMO_PASSWORD
from tests.demo import install_demo
from tests.e2e.accessibility import VNU, assert_accessible, nu_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# One page of each public type, in both languages where the type is translated.
PAGE_TYPES = {
    "home": "/de/",
    "home (en)": "/en/",
    "standard page": "/de/ueber-uns/",
    "solution listing": "/de/loesungen/",
    "solution listing, filtered": "/de/loesungen/?topic=mobilitaet",
    "solution": "/de/projektdatenbank/smart-city-ulm/lorawan-sensornetz/",
    "project database": "/de/projektdatenbank/",
    "model project": "/de/projektdatenbank/smart-city-ulm/",
    "publications": "/de/publikationen/",
    "publication": "/de/publikationen/die-digitale-stadt-gestalten/",
    "events": "/de/veranstaltungen/",
    "event": "/de/veranstaltungen/themenworkshop-change/",
    "event series": "/de/veranstaltungen/peer-learning-mobilitaet/",
    "FAQ": "/de/fragen/",
    "peer groups": "/de/peergruppen/",
    "peer group": "/de/peergruppen/urbane-datenplattformen/",
    "search": "/de/suche/?q=Mobilit%C3%A4t",
    "search (en)": "/en/search/?q=data",
    "interest form": "/de/start-smart/interesse/",
    "self-assessment": "/de/start-smart/selbstcheck/",
    "news": "/de/aktuelles/",
    "news article": "/de/aktuelles/start-smart-zweite-runde/",
    "newsletter": "/de/newsletter/",
    "sign in": "/de/konto/anmelden/",
    "sign up": "/de/konto/registrieren/",
}
# Pages for a signed-in member (a demo member with registrations, a waiting-list place,
# a series and groups), checked after the public ones.
MEMBER_PAGE_TYPES = {
    "my account": "/de/konto/",
    "my account (en)": "/en/account/",
    "my profile": "/de/konto/profil/",
    "my API tokens": "/de/konto/token/",
}
MEMBER_EMAIL = "lea.schmidt@hoexter.demo.example"


@pytest.fixture
def demo_site(live_server) -> str:
    install_demo()
    return live_server.url


def check_page_types(page, server: str, pages: dict[str, str],
                     documents: dict[str, str]) -> None:
    """Each page at desktop, phone and narrow phone width: no sideways scrolling, axe
    clean (the narrow width is for scrolling only); the desktop HTML kept for vnu."""
    for width in (1366, 390, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            response = page.goto(f"{server}{path}")
            assert response is not None and response.status == 200, (name, path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} scrolls sideways at {width} px"
            if width != 320:
                assert_accessible(page)
            if width == 1366:
                documents[name] = response.text()


def test_every_page_type_passes_axe_and_the_nu_html_checker(browser_page, demo_site, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("vnu-jar or Java missing: run `make test` (npm ci) on a machine with Java")
    documents: dict[str, str] = {}
    check_page_types(browser_page, demo_site, PAGE_TYPES, documents)
    sign_in(browser_page, demo_site)
    check_page_types(browser_page, demo_site, MEMBER_PAGE_TYPES, documents)
    assert nu_errors(documents, tmp_path) == {}


def sign_in(page, server: str) -> None:
    page.goto(f"{server}/de/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(MEMBER_EMAIL)
    page.locator("#id_password").fill(DEMO_PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Anmelden").click()
    page.get_by_role("heading", name="Mein Konto", level=1).wait_for()


def test_a_keyboard_only_visitor_on_a_phone_finds_and_registers(browser_page, demo_site):
    page = browser_page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{demo_site}/de/")

    # The menu button is the second stop after the skip link and the brand.
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Menü"
    # The header's search waits behind the menu (the home page's own search is below it).
    assert not page.locator("header").get_by_role("search").is_visible()
    page.keyboard.press("Enter")
    search = page.locator("header").get_by_role("searchbox", name="Plattform durchsuchen")
    assert search.is_visible()
    search.focus()
    page.keyboard.type("Parken")
    page.keyboard.press("Enter")
    page.wait_for_url("**/de/suche/?q=Parken")
    assert_accessible(page)

    # To the solutions, filtered by keyboard: the filters sit behind a disclosure.
    page.goto(f"{demo_site}/de/loesungen/")
    disclosure = page.locator("summary", has_text="Filter")
    disclosure.focus()
    page.keyboard.press("Enter")
    topic = page.get_by_role("checkbox", name=re.compile(r"^Mobilität \("))
    topic.focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Filter anwenden").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**topic=mobilitaet**")
    chip = page.get_by_role("link", name=re.compile("^Filter entfernen: .*Mobilität"))
    assert chip.is_visible()
    link = page.get_by_role("main").locator(".card__title a").first
    title = link.inner_text()
    link.focus()
    page.keyboard.press("Enter")
    page.get_by_role("heading", level=1, name=title).wait_for()

    # An event, registered as a guest with the keyboard only.
    page.goto(f"{demo_site}/de/veranstaltungen/themenworkshop-change/")
    for label, value in (("Ihr Name", "Kim Muster"), ("E-Mail-Adresse", "kim@example.org"),
                         ("Kommune oder Organisation", "Neustadt")):
        page.get_by_label(label).focus()
        page.keyboard.type(value)
    page.get_by_label(re.compile("^Ich bin einverstanden")).focus()
    page.keyboard.press("Space")
    page.get_by_role("main").get_by_role("button", name="Anmelden").focus()
    page.keyboard.press("Enter")
    page.get_by_text(re.compile("Fast geschafft")).first.wait_for()
    assert_accessible(page)
