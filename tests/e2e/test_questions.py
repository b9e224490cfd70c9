"""Ask the implementers, in a real Chromium without any script of ours: a member asks on
a solution page, the project team's member (who reads English) finds the notification
and answers, the asker marks the answer most helpful, an editor takes it into the FAQ,
and the entry shows on the solution page in both languages and is found by search. Axe
on every screen of the site; screenshots at 390 and 1366 px when SCREENSHOT_DIR is set."""

import os

import pytest

from repository.models import Question
from tests.e2e.accessibility import assert_accessible
from tests.home.factories import bilingual_site
from tests.repository.question_helpers import PROMOTION, asking_setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "geheim-123"  # tests.community.factories.make_user
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")
ASKED = "Wie viele Sensoren braucht ein Parkhaus mit 400 Stellplätzen?"


def shoot(page, name: str) -> None:
    if not SCREENSHOTS:
        return
    for width, height in ((1366, 900), (390, 1100)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SCREENSHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def sign_in(page, server: str, path: str, email: str, label: str, button: str) -> None:
    page.goto(f"{server}{path}")
    page.get_by_label(label).fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=button).click()


@pytest.fixture
def questions_server(live_server):
    return live_server.url, asking_setup(bilingual_site())


def test_a_member_asks_the_team_answers_and_the_office_publishes_it(chromium,
                                                                    questions_server):
    server, asking = questions_server
    member = chromium.new_context(locale="de-DE").new_page()
    sign_in(member, server, "/de/konto/anmelden/", asking.reporter.email, "E-Mail-Adresse",
            "Anmelden")
    member.get_by_role("heading", name="Mein Konto").wait_for()
    member.goto(f"{server}{asking.solution.url}")
    member.get_by_role("heading", name="Die Umsetzenden fragen").wait_for()
    assert_accessible(member)
    shoot(member, "solution-question-form")
    member.get_by_label("Ihre Frage").fill(ASKED)
    member.get_by_role("button", name="Frage senden").click()
    member.get_by_text("Ihre Frage ist an das Team des Modellprojekts").wait_for()
    assert_accessible(member)

    team = chromium.new_context(locale="en-GB").new_page()
    sign_in(team, server, "/en/account/sign-in/", asking.team_member.email, "E-mail address",
            "Sign in")
    team.get_by_role("link", name="A municipality asks about “Free parking spaces in real "
                                  "time”", exact=False).click()
    team.get_by_role("heading", name="Question to the implementers").wait_for()
    assert ASKED in team.content()
    team.get_by_label("Your answer").fill("Einen je Stellplatz; die Schranke zählt den Rest.")
    team.get_by_role("button", name="Post the answer").click()
    team.get_by_text("Your answer is posted.").wait_for()
    assert_accessible(team)

    member.goto(f"{server}/de/fragen/{Question.objects.get().pk}/")
    member.get_by_text("Einen je Stellplatz").wait_for()
    member.get_by_role("button", name="Als hilfreichste markieren").click()
    member.get_by_text("Danke: Die Antwort ist als hilfreichste markiert.").wait_for()
    assert_accessible(member)

    office = chromium.new_context(locale="en-GB").new_page()
    office.goto(f"{server}/admin/login/")
    office.locator("#id_username").fill(asking.editor.email)
    office.locator("#id_password").fill("pw")
    office.locator("#id_password").press("Enter")
    office.wait_for_url(f"{server}/admin/")
    office.goto(f"{server}/admin/questions/")
    office.get_by_role("link", name="Into the FAQ").click()
    for name, text in PROMOTION.items():
        office.locator(f"#id_{name}").fill(text)
    office.get_by_role("button", name="Take it into the FAQ").click()
    office.get_by_text("The question is in the FAQ").wait_for()

    visitor = chromium.new_context(locale="de-DE").new_page()
    visitor.goto(f"{server}{asking.solution.url}")
    faq = visitor.locator(".solution-faq")
    faq.get_by_role("heading", name=PROMOTION["question_de"]).wait_for()
    assert PROMOTION["answer_de"] in faq.inner_text()
    assert_accessible(visitor)
    shoot(visitor, "solution-faq")
    visitor.goto(f"{server}{asking.english.url}")
    visitor.locator(".solution-faq").get_by_role(
        "heading", name=PROMOTION["question_en"]).wait_for()
    assert PROMOTION["question_de"] not in visitor.content()

    visitor.goto(f"{server}/de/suche/?q=Sensoren+Parkhaus")
    visitor.get_by_role("link", name=PROMOTION["question_de"]).click()
    visitor.wait_for_url(f"**{asking.solution.url}#faq-*")
    visitor.goto(f"{server}/en/search/?q=sensors+car+park")
    visitor.get_by_role("link", name=PROMOTION["question_en"]).wait_for()
