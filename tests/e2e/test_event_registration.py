"""A municipality's way through Start Smart in a real Chromium: find the peer-learning
series in the calendar, register, land on the waiting list for a full session, move up
when someone cancels, cancel a session; and a guest registers in English. Axe checks
every page type on the way."""

import re

import pytest
from django.core import mail

from community.models import MemberProfile
from events.models import Registration
from events.registrations.service import Registrant, cancel, register
from tests.e2e.accessibility import assert_accessible
from tests.events.factories import event_calendar, make_event, make_series
from tests.home.factories import bilingual_site, translate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Sichere-Passphrase-2026"


@pytest.fixture
def programme(live_server, django_user_model):
    calendar = event_calendar(bilingual_site())
    make_event(calendar, title="Auftaktworkshop", capacity=30)
    series = make_series(calendar, sessions=2, capacity=1)
    first = series.sessions().first()
    early = django_user_model.objects.create_user("frueh@kommune.example",
                                                  "frueh@kommune.example", PASSWORD)
    MemberProfile.objects.create(user=early, display_name="Frieda Früh")
    register(first, Registrant.member(early), confirmed=True)
    member = django_user_model.objects.create_user("anna@ulm.example", "anna@ulm.example",
                                                   PASSWORD)
    MemberProfile.objects.create(user=member, display_name="Anna Berger")
    english = make_event(calendar, title="Themenworkshop", format="theme-workshop", hours=3.5)
    translate(english, "en", title="Theme workshop", slug="theme-workshop")
    return {"server": live_server.url, "series": series, "first": first, "early": early}


def test_find_register_wait_move_up_and_cancel(browser_page, programme):
    page, server = browser_page, programme["server"]
    page.goto(f"{server}/de/veranstaltungen/")
    assert_accessible(page)
    page.get_by_label(re.compile("^Peer-Learning-Reihe")).check()
    page.get_by_role("button", name="Filter anwenden").click()
    page.get_by_role("heading", name="2 Veranstaltungen").wait_for()
    page.get_by_role("main").get_by_role("link", name="Sitzung 1").click()
    page.get_by_role("main").get_by_role("link", name="Peer-Learning Mobilität").click()
    page.get_by_role("heading", name="Peer-Learning Mobilität", level=1).wait_for()
    assert_accessible(page)

    page.get_by_role("link", name="melden sich an").click()
    page.get_by_label("E-Mail-Adresse").fill("anna@ulm.example")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("heading", name="Peer-Learning Mobilität", level=1).wait_for()
    page.get_by_role("button", name="Für die Reihe anmelden").click()
    page.get_by_text("Sie sind für 1 Sitzungen angemeldet und stehen für 1 auf der "
                     "Warteliste.").wait_for()
    assert_accessible(page)
    confirmation = mail.outbox[-1]
    assert confirmation.to == ["anna@ulm.example"]
    assert any(name.endswith(".ics") for name, *_rest in confirmation.attachments)

    # Frieda cancels her place in session 1: Anna moves up and is told.
    cancel(Registration.objects.get(event=programme["first"], email="frueh@kommune.example"))
    to_anna = [m for m in mail.outbox if m.to == ["anna@ulm.example"]]
    assert "Ein Platz ist für Sie frei geworden" in to_anna[-1].subject
    page.goto(f"{server}{programme['first'].url}")
    page.get_by_text("Sie sind für diese Veranstaltung angemeldet.").wait_for()
    assert page.get_by_role("link", name="https://konferenz.example/raum-42").is_visible()
    assert_accessible(page)

    page.get_by_role("button", name="Meine Anmeldung stornieren").click()
    page.get_by_text("Ihre Anmeldung ist storniert.").wait_for()
    assert Registration.objects.get(event=programme["first"],
                                    email="anna@ulm.example").status == "cancelled"


def test_a_guest_registers_in_english_and_confirms(browser_page, programme):
    page, server = browser_page, programme["server"]
    page.goto(f"{server}/en/events/")
    page.get_by_role("link", name="Theme workshop").click()
    page.get_by_role("heading", name="Theme workshop", level=1).wait_for()
    assert_accessible(page)
    page.get_by_role("button", name="Register").click()
    page.get_by_text("This field is required.").first.wait_for()
    assert_accessible(page)

    page.get_by_label("Your name").fill("Gast Person")
    page.get_by_label("E-mail address").fill("gast@neustadt.example")
    page.get_by_label("Municipality or organisation, if not in the list").fill("Neustadt")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Register").click()
    page.get_by_text("Almost done").wait_for()
    link = re.search(r"https?://\S+/confirm/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link.replace("http://testserver", server))
    page.get_by_role("heading", name="Registration confirmed").wait_for()
    assert_accessible(page)
    assert any(name.endswith(".ics") for name, *_rest in mail.outbox[-1].attachments)
    cancel_link = re.search(r"https?://\S+/cancel/\S+/", mail.outbox[-1].body).group(0)
    page.goto(cancel_link.replace("http://testserver", server))
    assert_accessible(page)
    page.get_by_role("button", name="Cancel the registration").click()
    page.get_by_role("heading", name="Registration cancelled").wait_for()
