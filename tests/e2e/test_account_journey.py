"""A member's own things in one place, in a real Chromium: register for an event, join
the waiting list of a full one, ask to join a closed peer group, and find all three on
the account page (axe-clean), then withdraw the request from there."""

import pytest

from community.models import (
    GroupVisibility,
    JoinPolicy,
    MemberProfile,
    PeerGroupIndexPage,
    PeerGroupPage,
)
from events.registrations.service import Registrant, register
from tests.e2e.accessibility import assert_accessible
from tests.events.factories import event_calendar, make_event
from tests.home.factories import bilingual_site, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Sichere-Passphrase-2026"


@pytest.fixture
def offers(live_server, django_user_model):
    site = bilingual_site()
    calendar = event_calendar(site)
    open_event = make_event(calendar, title="Auftaktworkshop", capacity=30)
    full = make_event(calendar, title="Themenworkshop Daten", capacity=1,
                      format="theme-workshop", hours=3.5)
    early = django_user_model.objects.create_user("frueh@kommune.example",
                                                  "frueh@kommune.example", PASSWORD)
    register(full, Registrant.member(early), confirmed=True)
    index = publish(site.root_page.add_child(instance=PeerGroupIndexPage(
        title="Peergruppen", slug="peergruppen", locale_id=site.root_page.locale_id)))
    group = publish(index.add_child(instance=PeerGroupPage(
        title="Urbane Datenplattformen", slug="urbane-datenplattformen", topic="Daten",
        description="<p>Kommunen bauen Datenplattformen.</p>",
        visibility=GroupVisibility.CLOSED, join_policy=JoinPolicy.REQUEST,
        locale_id=index.locale_id)))
    member = django_user_model.objects.create_user("lea@hoexter.example",
                                                   "lea@hoexter.example", PASSWORD)
    MemberProfile.objects.create(user=member, display_name="Lea Schmidt")
    return {"server": live_server.url, "open": open_event, "full": full, "group": group}


def test_register_wait_request_and_find_all_three_in_my_account(browser_page, offers):
    page, server = browser_page, offers["server"]
    page.goto(f"{server}/de/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill("lea@hoexter.example")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Anmelden").click()
    page.get_by_role("heading", name="Mein Konto", level=1).wait_for()

    page.goto(f"{server}{offers['open'].url}")
    page.get_by_role("main").get_by_role("button", name="Anmelden").click()
    page.get_by_text("Sie sind für diese Veranstaltung angemeldet.").wait_for()
    page.goto(f"{server}{offers['full'].url}")
    page.get_by_role("main").get_by_role("button", name="Anmelden").click()
    page.get_by_text("Sie stehen auf der Warteliste.").first.wait_for()
    page.goto(f"{server}{offers['group'].url}")
    page.get_by_role("button", name="Beitritt anfragen").click()
    page.get_by_text("Ihre Anfrage liegt bei der Moderation der Gruppe.").wait_for()

    # The header's account link leads to the page with all three.
    page.goto(f"{server}/de/konto/")
    main = page.get_by_role("main")
    registrations = main.locator("section#events")
    registrations.get_by_role("link", name="Auftaktworkshop", exact=True).wait_for()
    assert registrations.get_by_text("Platz 1 auf der Warteliste").is_visible()
    assert registrations.get_by_role("link", name="Themenworkshop Daten", exact=True).is_visible()
    groups = main.locator("section#groups")
    assert groups.get_by_role("link", name="Urbane Datenplattformen", exact=True).is_visible()
    assert_accessible(page)

    # The contents box takes a keyboard user to a section.
    main.get_by_role("link", name="Peergruppen").focus()
    page.keyboard.press("Enter")
    assert page.url.endswith("#groups")

    groups.get_by_role("button", name="Anfrage zurückziehen").click()
    page.get_by_text("Es sind keine Anfragen offen.").wait_for()
    assert page.url.endswith("/de/konto/#groups")
