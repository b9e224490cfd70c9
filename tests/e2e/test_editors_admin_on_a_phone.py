"""Office screens on a 390 px phone, in a real Chromium (issue 16): what an editor needs
stays within the screen. A request's assignee, named by a long e-mail address, no longer
runs past the edge, and what the requester left empty reads "Keine Angabe" (it read
"None"); the search index report's reasons are in view (the table was cut off after its
second column); an event's registrations name the event and their table scrolls within
its own region; the calendar's explorer keeps title, date, places and status readable
(the title had one letter's width per line), the rest scrolls within the table. A
solution added under a model project: the filter boxes of its topics and contact people
fit the screen (they ran 42 px past)."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import PageViewRestriction
from wagtail.users.models import UserProfile

from events.models import ExpressionOfInterest
from events.registrations.service import Registrant, register
from repository.models import ModelProjectPage
from tests.community.factories import MunicipalityFactory, make_user
from tests.e2e.accessibility import assert_accessible
from tests.events.factories import event_calendar, in_days, make_event
from tests.events.interest_helpers import admin_edit_url, make_interest
from tests.home.factories import StandardPageFactory, bilingual_site, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Telefon-Passphrase-2026"
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def office_screens(live_server):
    site = bilingual_site()
    secret = publish(StandardPageFactory(parent=site.root_page, title="Intern", slug="intern"))
    PageViewRestriction.objects.create(page=secret, restriction_type="password",
                                       password="geheim")
    event = make_event(event_calendar(site), title="Auftaktworkshop Smart City",
                       start=in_days(5), capacity=20)
    register(event, Registrant.member(make_user("anna")), confirmed=True)
    interest = make_interest(MunicipalityFactory(name="Ulm"), phone="")
    ExpressionOfInterest.objects.filter(pk=interest.pk).update(
        assignee=make_user("koordinierung.und.transfer.digitale.kommunen"))
    operator = get_user_model().objects.create_superuser(
        "betrieb@kts.example", "betrieb@kts.example", PASSWORD)
    profile = UserProfile.get_for_user(operator)
    profile.preferred_language = "de"
    profile.save()
    return {"url": live_server.url, "event": event, "interest": interest}


def right_edge(page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    return box["x"] + box["width"]


def log_in_on_a_phone(page, server: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(f"{server}/admin/login/")
    page.locator("#id_username").fill("betrieb@kts.example")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{server}/admin/")


def test_the_office_reads_its_screens_on_a_phone(browser_page, office_screens):
    page, server = browser_page, office_screens["url"]
    log_in_on_a_phone(page, server)

    page.goto(f"{server}{admin_edit_url(office_screens['interest'])}")
    page.locator("#id_assignee").scroll_into_view_if_needed()
    assert right_edge(page, "#id_assignee") <= PHONE["width"]
    outputs = page.locator(".w-field__textoutput").all_inner_texts()
    assert "None" not in outputs and outputs.count("Keine Angabe") >= 3

    page.goto(f"{server}/admin/search-index/")
    reasons = page.locator('td[data-label="Warum sie abweichen"]').first
    reasons.scroll_into_view_if_needed()
    assert "passwortgeschützt" in reasons.inner_text()
    assert right_edge(page, 'td[data-label="Warum sie abweichen"]') <= PHONE["width"]
    assert_accessible(page)

    page.goto(f"{server}/admin/events/{office_screens['event'].pk}/registrations/")
    assert "Auftaktworkshop Smart City" in page.locator("main").inner_text()
    assert right_edge(page, ".admin-table-scroll") <= PHONE["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page)

    page.goto(f"{server}/admin/pages/{office_screens['event'].get_parent().pk}/")
    headings = [text.split("\n")[0].strip() for text in
                page.locator("table.listing thead th:visible").all_inner_texts()]
    assert headings[1].startswith("Titel") and headings[2:] == ["Datum", "Plätze", "Status"]
    assert right_edge(page, "table.listing") <= PHONE["width"]
    # What is still wider (the arrow into a series) is reached by scrolling the table.
    page.locator("table.listing").evaluate("table => { table.scrollLeft = table.scrollWidth; }")
    assert right_edge(page, "table.listing tbody td:visible >> nth=-1") < PHONE["width"] + 1
    assert page.locator("table.listing tbody td.title").first.bounding_box()["width"] >= 130


def test_a_solution_added_under_a_model_project_fits_a_phone(browser_page, solutions_server):
    get_user_model().objects.create_superuser("betrieb@kts.example", "betrieb@kts.example",
                                              PASSWORD)
    ulm = ModelProjectPage.objects.get(slug="ulm")
    page = browser_page
    log_in_on_a_phone(page, solutions_server)

    page.goto(f"{solutions_server}/admin/pages/add/repository/solutionpage/{ulm.pk}/")
    assert page.locator("#id_model_project-title").inner_text() == "Zukunftsstadt Ulm"
    filters = page.locator("[data-choice-filter-input]")
    assert filters.count() == 2  # topics, contact people
    for index in range(2):
        filters.nth(index).scroll_into_view_if_needed()
        box = filters.nth(index).bounding_box()
        assert box["x"] + box["width"] <= PHONE["width"]
