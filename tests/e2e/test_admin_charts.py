"""The admin's charts in the browser: "Registrations by event" and the interest overview's
"Requests by federal state" each show an image named by its title, with its numbers as a
table one click away; both screens are axe-clean with every table open (axe skips what a
closed details hides), on a desktop and on a phone."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from community.models import FederalState
from events.models import Registration, RegistrationStatus
from tests.community.factories import MunicipalityFactory, make_user
from tests.e2e.accessibility import assert_accessible
from tests.events.factories import event_calendar, in_days, make_event
from tests.events.interest_helpers import make_interest
from tests.home.factories import bilingual_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Programm-Passphrase-2026"

CHARTS = """() => Array.from(document.querySelectorAll('figure.chart'), (figure) => {
  const svg = figure.querySelector('svg[role="img"]');
  const names = svg ? svg.getAttribute('aria-labelledby').split(' ') : [];
  return {
    title: names.length ? document.getElementById(names[0]).textContent : '',
    rows: Array.from(figure.querySelectorAll('table tbody tr'), (row) =>
      Array.from(row.cells, (cell) => cell.textContent.trim())),
    tableVisible: figure.querySelector('table').checkVisibility(),
  };
})"""


@pytest.fixture
def office_server(live_server, django_user_model):
    calendar = event_calendar(bilingual_site())
    workshop = make_event(calendar, title="Themenworkshop", start=in_days(3), capacity=2)
    for number in range(3):
        Registration.objects.create(
            event=workshop, name=f"P{number}", email=f"p{number}@kts.example",
            status=RegistrationStatus.CONFIRMED if number < 2 else RegistrationStatus.WAITLISTED)
    ulm = MunicipalityFactory(name="Ulm", ags="08421000",
                              federal_state=FederalState.BADEN_WUERTTEMBERG)
    make_interest(ulm)
    manager = make_user("programm")
    manager.set_password(PASSWORD)
    manager.save()
    manager.groups.add(Group.objects.get(name="Editors"))
    return {"url": live_server.url, "manager": manager}


def _sign_in(page, server: str, username: str) -> None:
    page.goto(f"{server}/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{server}/admin/")


@pytest.mark.parametrize(("route", "title", "first_row"), [
    ("events_registrations_report", "Anmeldungen und Warteliste je Veranstaltung",
     "Themenworkshop"),
    ("events_interest_overview", "Anfragen nach Bundesland", "Baden-Württemberg"),
])
@pytest.mark.parametrize("width", [1366, 390])
def test_admin_chart_names_itself_opens_its_table_and_is_axe_clean(
        browser_page, office_server, route, title, first_row, width):
    page, server = browser_page, office_server["url"]
    page.set_viewport_size({"width": width, "height": 900})
    _sign_in(page, server, office_server["manager"].username)
    page.goto(f"{server}{reverse(route)}")
    charts = page.evaluate(CHARTS)
    assert charts and charts[0]["title"].startswith(title)
    assert not any(chart["tableVisible"] for chart in charts)

    for summary in page.locator("figure.chart details > summary").all():
        summary.click()
    charts = page.evaluate(CHARTS)
    assert all(chart["tableVisible"] and chart["rows"] for chart in charts)
    assert first_row in charts[0]["rows"][0][0]
    assert_accessible(page)
