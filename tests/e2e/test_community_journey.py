"""A new member's journey in a real Chromium: sign up, confirm, ask to join a closed
group, get approved by a moderator, start a thread, be answered and notified; axe
checks every page type on the way."""

import re

import pytest
from django.core import mail

from community.models import (
    GroupVisibility,
    JoinPolicy,
    MemberProfile,
    Membership,
    MembershipRole,
    MembershipState,
    PeerGroupIndexPage,
    PeerGroupPage,
)
from tests.community.factories import MunicipalityFactory
from tests.e2e.accessibility import assert_accessible
from tests.home.factories import bilingual_site, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Sichere-Passphrase-2026"
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


@pytest.fixture
def community_server(live_server, django_user_model):
    site = bilingual_site()
    MunicipalityFactory(name="Ulm", ags="08421000")
    index = site.root_page.add_child(instance=PeerGroupIndexPage(
        title="Peergruppen", slug="peergruppen", locale_id=site.root_page.locale_id))
    publish(index)
    group = index.add_child(instance=PeerGroupPage(
        title="Urbane Datenplattformen", slug="datenplattformen", topic="Urbane Daten",
        description="<p>Arbeitsgemeinschaft zu Datenplattformen.</p>",
        visibility=GroupVisibility.CLOSED, join_policy=JoinPolicy.REQUEST,
        locale_id=index.locale_id))
    publish(group)
    moderator = django_user_model.objects.create_user("mod@kts.example", "mod@kts.example",
                                                      PASSWORD)
    MemberProfile.objects.create(user=moderator, display_name="Katrin Vogel")
    Membership.objects.create(group=PeerGroupPage.objects.get(pk=group.pk), user=moderator,
                              role=MembershipRole.MODERATOR, state=MembershipState.ACTIVE)
    return live_server.url


def sign_in(page, server, email):
    page.goto(f"{server}/de/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()


def test_sign_up_request_approve_post_reply(chromium, browser_page, community_server):
    server, page = community_server, browser_page
    page.goto(f"{server}/de/konto/registrieren/")
    assert_accessible(page)
    page.get_by_label("Ihr Name").fill("Anna Berger")
    page.get_by_label("E-Mail-Adresse").fill("anna@ulm.example")
    page.locator("#id_password1").fill(PASSWORD)
    page.get_by_label("Passwort wiederholen").fill(PASSWORD)
    # The municipality picker, by keyboard: type, move to the suggestion, choose.
    page.get_by_role("combobox", name=re.compile("^Kommune")).fill("Ulm")
    page.get_by_role("option", name="Ulm (Baden-Württemberg)").wait_for()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")
    page.get_by_label("Ich bin einverstanden").check()
    page.get_by_role("button", name="Registrieren").click()
    page.get_by_role("heading", name="Sehen Sie in Ihr E-Mail-Postfach").wait_for()
    assert_accessible(page)

    link = re.search(r"https?://\S+", mail.outbox[-1].body).group(0)
    page.goto(link.replace("http://testserver", server))
    page.get_by_role("heading", name="Mein Konto").wait_for()
    assert_accessible(page)

    page.goto(f"{server}/de/peergruppen/")
    assert_accessible(page)
    page.get_by_role("main").get_by_role("link", name="Urbane Datenplattformen").click()
    page.get_by_role("button", name="Beitritt anfragen").click()
    page.get_by_text("Ihre Anfrage liegt bei der Moderation der Gruppe.").wait_for()
    assert_accessible(page)

    moderator_context = chromium.new_context(locale="de-DE")
    moderator = moderator_context.new_page()
    sign_in(moderator, server, "mod@kts.example")
    moderator.goto(page.url)
    moderator.get_by_role("heading", name="Beitrittsanfragen").wait_for()
    assert_accessible(moderator)
    moderator.get_by_role("button", name="Entscheiden").click()
    moderator.get_by_text("Die Anfrage ist angenommen.").wait_for()

    page.reload()
    page.get_by_role("link", name="Diskussion beginnen").click()
    assert_accessible(page)
    page.get_by_label("Titel").fill("Betriebsmodell gesucht")
    page.get_by_label("Ihr Beitrag").fill("Wie betreibt ihr eure **Plattform**?")
    page.get_by_label("Dateien").set_input_files(files=[{
        "name": "Betriebskonzept.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.get_by_role("button", name="Diskussion veröffentlichen").click()
    page.get_by_role("heading", level=1, name="Betriebsmodell gesucht").wait_for()
    page.get_by_role("link", name="Betriebskonzept.pdf").wait_for()
    assert_accessible(page)
    thread_url = page.url

    moderator.goto(page.url)
    moderator.get_by_label("Ihr Beitrag").fill("Mit den Stadtwerken, @Anna Berger.")
    moderator.get_by_role("button", name="Antwort senden").click()
    moderator.get_by_text("Mit den Stadtwerken").wait_for()
    moderator_context.close()

    page.goto(f"{server}/de/")
    page.get_by_role("navigation", name="Konto").get_by_role("link", name=re.compile(
        "Benachrichtigungen")).click()
    page.get_by_text("Katrin Vogel hat Sie in „Betriebsmodell gesucht“ erwähnt").wait_for()
    assert_accessible(page)

    page.goto(thread_url)
    page.get_by_role("link", name="Katrin Vogel").click()
    page.get_by_role("heading", level=1, name="Katrin Vogel").wait_for()
    assert_accessible(page)
    page.goto(page.url.replace("/de/mitglieder/", "/en/members/"))
    page.get_by_role("heading", name="Contact").wait_for()
    assert_accessible(page)
