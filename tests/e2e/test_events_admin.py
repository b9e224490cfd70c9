"""In a real Chromium, with the admin in German and in English: the calendar in the page
explorer shows each event's date and places, and a series' registrations view lists its
sessions and the people registered through it (axe on the registrations view)."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import Group
from wagtail.users.models import UserProfile

from events.registrations.service import Registrant, register, register_for_series
from tests.community.factories import make_user
from tests.e2e.accessibility import assert_accessible
from tests.events.factories import event_calendar, in_days, make_event, make_series
from tests.home.factories import bilingual_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Programm-Passphrase-2026"
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")
TEXTS = {"de": {"date": "Datum", "places": "2 von 2 Plätzen belegt · 1 auf der Warteliste",
                "series": "Für die Reihe angemeldet (2)"},
         "en": {"date": "Date", "places": "2 of 2 places taken · 1 waiting",
                "series": "Registered for the series (2)"}}


@pytest.fixture
def programme(live_server, django_user_model):
    calendar = event_calendar(bilingual_site())
    kickoff = make_event(calendar, title="Kick-off Nord", start=in_days(3, hour=9), capacity=2)
    for name in ("anna", "bernd", "clara"):
        register(kickoff, Registrant.member(make_user(name)), confirmed=True)
    make_event(calendar, title="Themenworkshop Urbane Datenplattformen", start=in_days(20),
               capacity=None)
    series = make_series(calendar, sessions=3, capacity=1, first_in_days=30)
    for name in ("dora", "emil"):
        register_for_series(series, Registrant.member(make_user(name)), confirmed=True)
    manager = django_user_model.objects.create_user("programm@kts.example",
                                                    "programm@kts.example", PASSWORD)
    manager.groups.add(Group.objects.get(name="Editors"))
    return {"url": live_server.url, "calendar": calendar, "series": series,
            "manager": manager}


def shoot(page, name: str) -> None:
    if not SCREENSHOTS:
        return
    for width, height in ((1366, 900), (390, 1100)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SCREENSHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_calendar_and_a_series_registrations(browser_page, programme, language):
    page, server, texts = browser_page, programme["url"], TEXTS[language]
    profile = UserProfile.get_for_user(programme["manager"])
    profile.preferred_language = language
    profile.save()
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{server}/admin/login/")
    page.locator("#id_username").fill("programm@kts.example")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{server}/admin/")

    page.goto(f"{server}/admin/pages/{programme['calendar'].pk}/")
    page.get_by_role("columnheader", name=texts["date"], exact=True).wait_for()
    assert texts["places"] in page.locator("table.listing").inner_text()
    shoot(page, f"events-explorer-{language}")

    page.goto(f"{server}/admin/events/{programme['series'].pk}/registrations/")
    page.get_by_role("heading", name=texts["series"]).wait_for()
    assert "dora@demo.example" in page.locator("main").inner_text()
    assert_accessible(page)
    shoot(page, f"series-registrations-{language}")
