"""The municipality picker in a real Chromium, by keyboard only, over 11,000
municipalities: type part of the name, move with the arrow keys, choose with Enter."""

import re

import pytest

from community.models import FederalState, MemberProfile, Municipality
from tests.community.factories import generated_municipalities, unsaved_municipality
from tests.e2e.accessibility import assert_accessible
from tests.home.factories import bilingual_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Sichere-Passphrase-2026"


@pytest.fixture
def picker_server(live_server):
    bilingual_site()
    Municipality.objects.bulk_create(generated_municipalities(11_000))
    Municipality.objects.bulk_create([
        unsaved_municipality(name="Haßfurt", ags="09674147", federal_state=FederalState.BAYERN,
                             population=13_500),
        unsaved_municipality(name="Frankfurt (Oder)", ags="12053000",
                             federal_state=FederalState.BRANDENBURG, population=57_000)])
    return live_server.url


def choose_by_keyboard(page, typed, wanted):
    box = page.get_by_role("combobox", name=re.compile("^Kommune"))
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type(typed)
    page.get_by_role("option", name=wanted).wait_for()
    while box.get_attribute("aria-activedescendant") is None or page.locator(
            f"#{box.get_attribute('aria-activedescendant')}").text_content() != wanted:
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert box.input_value() == wanted
    assert box.get_attribute("aria-expanded") == "false"


def test_a_municipality_is_found_and_chosen_by_keyboard(browser_page, picker_server):
    page = browser_page
    page.goto(f"{picker_server}/de/konto/registrieren/")
    assert_accessible(page)
    choose_by_keyboard(page, "hass", "Haßfurt (Bayern)")
    hassfurt = Municipality.objects.get(name="Haßfurt")
    assert page.locator("input[type=hidden][name=municipality]").input_value() == \
        str(hassfurt.pk)
    # Changed the mind: another search, with the list open for the accessibility check.
    box = page.get_by_role("combobox", name=re.compile("^Kommune"))
    box.focus()
    page.keyboard.press("Control+A")
    page.keyboard.type("frankfurt o")
    page.get_by_role("option", name="Frankfurt (Oder) (Brandenburg)").wait_for()
    assert page.get_by_role("listbox").get_by_role("option").count() == 1
    assert_accessible(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    assert box.input_value() == "Frankfurt (Oder) (Brandenburg)"

    page.get_by_label("Ihr Name").fill("Anna Berger")
    page.get_by_label("E-Mail-Adresse").fill("anna@frankfurt-oder.example")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    page.get_by_label("Ich bin einverstanden").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")  # sends the form from the checkbox
    page.get_by_role("heading", name="Sehen Sie in Ihr E-Mail-Postfach").wait_for()
    profile = MemberProfile.objects.get(user__email="anna@frankfurt-oder.example")
    assert profile.municipality.name == "Frankfurt (Oder)"
