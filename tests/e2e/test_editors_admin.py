"""The office's editors at work in a real Chromium: one works a reported post from the
dashboard through the moderation queue to "post hidden, author warned" (the author gets
the warning by e-mail, the thread shows the post hidden); another approves one request to
join a peer group and declines another with a reason, and both requesters see it on the
site and in their e-mail."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect
from wagtail.users.models import UserProfile

from community.models import (
    EmailFrequency,
    GroupVisibility,
    JoinPolicy,
    MemberProfile,
    Membership,
    MembershipState,
    PeerGroupIndexPage,
    PeerGroupPage,
    Post,
    Report,
    Thread,
)
from tests.community.factories import MunicipalityFactory
from tests.e2e.accessibility import assert_accessible
from tests.home.factories import bilingual_site, publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Sichere-Passphrase-2026"
WARNING = "Bitte keine Werbung für Produkte in den Peergruppen."
DECLINED_BECAUSE = "Die Gruppe ist den Modellprojekten vorbehalten."


def member(django_user_model, email: str, name: str, municipality: str = ""):
    user = django_user_model.objects.create_user(email, email, PASSWORD)
    MemberProfile.objects.create(
        user=user, display_name=name, email_frequency=EmailFrequency.IMMEDIATELY,
        organisation_kind="municipality" if municipality else "other",
        municipality=MunicipalityFactory(name=municipality) if municipality else None)
    return user


def office_editor(django_user_model, email: str, name: str, role: str, language: str):
    editor = member(django_user_model, email, name)
    editor.groups.add(Group.objects.get(name=role))
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = language
    profile.save()
    return editor


@pytest.fixture
def office_server(live_server, django_user_model):
    """A public group with a post reported twice, a closed group with two requests to
    join, and two editors of the office (one with the admin in German, one in English)."""
    site = bilingual_site()
    index = publish(site.root_page.add_child(instance=PeerGroupIndexPage(
        title="Peergruppen", slug="peergruppen", locale_id=site.root_page.locale_id)))
    groups = {}
    for slug, title, visibility, policy in (
            ("mobilitaet", "Mobilität im ländlichen Raum", GroupVisibility.PUBLIC,
             JoinPolicy.OPEN),
            ("datenplattformen", "Urbane Datenplattformen", GroupVisibility.CLOSED,
             JoinPolicy.REQUEST)):
        group = publish(index.add_child(instance=PeerGroupPage(
            title=title, slug=slug, topic="Daten", description=f"<p>{title}</p>",
            visibility=visibility, join_policy=policy, locale_id=index.locale_id)))
        groups[slug] = PeerGroupPage.objects.get(pk=group.pk)
    author = member(django_user_model, "jonas@bamberg.example", "Jonas Keller", "Bamberg")
    Membership.objects.create(group=groups["mobilitaet"], user=author,
                              state=MembershipState.ACTIVE)
    thread = Thread.objects.create(group=groups["mobilitaet"], title="Rufbus auf dem Land",
                                   author=author)
    Post.objects.create(thread=thread, author=author, body="Wer hat Erfahrung mit Rufbussen?")
    advert = Post.objects.create(thread=thread, author=author,
                                 body="Kauft **RufbusPro** mit 20 % Rabatt!")
    for email, name, reason in (("anna@ulm.example", "Anna Berger", "Werbung"),
                                ("tom@kiel.example", "Tom Richter", "Spam")):
        Report.objects.create(post=advert, reason=reason,
                              reporter=member(django_user_model, email, name))
    for email, name, place in (("lena@husum.example", "Lena Hoffmann", "Husum"),
                               ("paul@goerlitz.example", "Paul Schmidt", "Görlitz")):
        Membership.objects.create(group=groups["datenplattformen"], state=MembershipState.PENDING,
                                  user=member(django_user_model, email, name, place))
    office_editor(django_user_model, "moderation@kts.example", "Katrin Vogel", "Editors",
                  "de")
    office_editor(django_user_model, "redaktion@kts.example", "Sven Brandt", "Editors", "en")
    return live_server.url


def sign_in_to_admin(page, server: str, email: str) -> None:
    page.goto(f"{server}/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{server}/admin/")


def sign_in_to_site(page, server: str, email: str) -> None:
    page.goto(f"{server}/de/konto/anmelden/")
    page.get_by_label("E-Mail-Adresse").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.get_by_role("heading", name="Mein Konto").wait_for()


def test_an_editor_hides_a_reported_post_and_warns_its_author(browser_page, office_server):
    server, page = office_server, browser_page
    sign_in_to_admin(page, server, "moderation@kts.example")
    panel = page.locator("#open-reports-section")
    panel.get_by_role("link", name="Rufbus auf dem Land").wait_for()
    assert panel.locator(".dashboard-needs__count strong").inner_text() == "1"
    # The menu says the same, also to screen readers.
    menu_link = page.get_by_role("link", name="Gemeldete Beiträge, 1 offen")
    assert menu_link.get_attribute("data-open-count") == "1"

    # On a phone no panel's text runs past the screen (one-word German headings break).
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("""Math.max(...[...document.querySelectorAll('.dashboard-needs *')]
                            .map(element => element.getBoundingClientRect().right))""") <= 390
    page.set_viewport_size({"width": 1366, "height": 900})

    panel.get_by_role("link", name="Zur Moderation").click()
    page.get_by_role("heading", level=2, name=re.compile("Rufbus auf dem Land")).wait_for()
    page.get_by_text("Jonas Keller (Bamberg) schrieb am").wait_for()
    page.get_by_role("heading", name="2 Meldungen").wait_for()
    assert_accessible(page)

    page.get_by_label("Verwarnung an die Autorin oder den Autor (per E-Mail)").fill(WARNING)
    page.get_by_role("button", name="Autorin oder Autor verwarnen").click()
    page.get_by_text("Die Autorin oder der Autor ist per E-Mail verwarnt.").wait_for()
    page.get_by_label("Notiz für die Moderation (optional)").fill("Zweiter Werbebeitrag")
    page.get_by_role("button", name="Beitrag ausblenden").click()
    page.get_by_text("Der Beitrag ist ausgeblendet.").wait_for()
    page.get_by_text("Keine offenen Meldungen. Vielen Dank!").wait_for()

    page.get_by_role("link", name="Verlauf").click()
    history = page.get_by_role("region", name="Erledigte Meldungen")
    # Both reports resolved, signed by the moderator's name and in Berlin time.
    expect(history.get_by_text("Beitrag ausgeblendet, Autorin oder Autor verwarnt")
           ).to_have_count(2)
    hidden_at = timezone.localtime(Report.objects.filter(status="hidden").first().resolved_at)
    expect(history.get_by_text(f"{hidden_at:%d.%m.%Y %H:%M} Katrin Vogel: Zweiter Werbebeitrag")
           ).to_have_count(2)
    assert_accessible(page)

    warning = [message for message in mail.outbox if message.to == ["jonas@bamberg.example"]]
    assert len(warning) == 1
    assert warning[0].subject == "Ein Hinweis der Moderation zu Ihrem Beitrag"
    assert WARNING in warning[0].body and "RufbusPro" in warning[0].body

    page.context.clear_cookies()
    page.goto(f"{server}/de/peergruppen/mobilitaet/")
    page.get_by_role("link", name="Rufbus auf dem Land").click()
    page.get_by_text("Die Moderation hat diesen Beitrag ausgeblendet.").wait_for()
    page.get_by_text("Wer hat Erfahrung mit Rufbussen?").wait_for()
    assert page.get_by_text("RufbusPro").count() == 0


def test_an_editor_approves_one_request_and_declines_another(chromium, browser_page,
                                                             office_server):
    server, page = office_server, browser_page
    sign_in_to_admin(page, server, "redaktion@kts.example")
    page.locator("#membership-requests-section").get_by_role(
        "link", name="Decide the requests").click()
    requests = page.get_by_role("region", name="Open membership requests")
    requests.get_by_role("row", name=re.compile("Lena Hoffmann")).wait_for()
    assert requests.get_by_role("row", name=re.compile("Husum")).count() == 1
    assert_accessible(page)

    # On a phone the requests stack into cards: nothing pushes the page sideways, and
    # each request's buttons are within reach.
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") == 390
    for row in requests.get_by_role("row", name=re.compile("Hoffmann|Schmidt")).all():
        box = row.get_by_role("button", name="Approve").bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390
    lena = requests.get_by_role("row", name=re.compile("Lena Hoffmann"))
    lena.get_by_text("Decline…").click()
    box = lena.get_by_label("Reason (the requester sees it)").bounding_box()
    assert box["x"] + box["width"] <= 390
    assert_accessible(page)
    lena.get_by_text("Decline…").click()
    page.set_viewport_size({"width": 1366, "height": 900})

    requests.get_by_role("row", name=re.compile("Lena Hoffmann")).get_by_role(
        "button", name="Approve").click()
    page.get_by_text("1 request approved.").wait_for()
    paul = page.get_by_role("row", name=re.compile("Paul Schmidt"))
    paul.get_by_text("Decline…").click()
    paul.get_by_label("Reason (the requester sees it)").fill(DECLINED_BECAUSE)
    paul.get_by_role("button", name="Decline", exact=True).click()
    page.get_by_text("1 request declined.").wait_for()
    page.get_by_text("No open requests.").wait_for()

    lena_mail = [m for m in mail.outbox if m.to == ["lena@husum.example"]]
    paul_mail = [m for m in mail.outbox if m.to == ["paul@goerlitz.example"]]
    assert len(lena_mail) == 1 and "Urbane Datenplattformen" in lena_mail[0].body
    assert len(paul_mail) == 1 and DECLINED_BECAUSE in paul_mail[0].body

    for email, told in (("lena@husum.example",
                         "Sie sind jetzt Mitglied von Urbane Datenplattformen."),
                        ("paul@goerlitz.example",
                         "Ihre Anfrage, Urbane Datenplattformen beizutreten, wurde abgelehnt: "
                         f"{DECLINED_BECAUSE}")):
        context = chromium.new_context(locale="de-DE")
        requester = context.new_page()
        sign_in_to_site(requester, server, email)
        requester.get_by_role("navigation", name="Konto").get_by_role(
            "link", name=re.compile("Benachrichtigungen")).click()
        requester.get_by_text(told).wait_for()
        context.close()
    # The new member is in: the closed group lets her start a discussion.
    context = chromium.new_context(locale="de-DE")
    lena = context.new_page()
    sign_in_to_site(lena, server, "lena@husum.example")
    lena.goto(f"{server}/de/peergruppen/datenplattformen/")
    lena.get_by_role("link", name="Diskussion beginnen").wait_for()
    context.close()
