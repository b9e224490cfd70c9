"""The FAQ page: questions by topic in both languages, schema.org FAQPage markup that
no editor's text can break out of, the office's contact block, the pages API, and
where editors may create it."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.utils import translation
from wagtail.models import Locale

from events.models import EventIndexPage, FAQPage
from home.models import ContactPerson, HomePage, StandardPage
from tests.events.factories import event_calendar
from tests.events.faq_helpers import SCRIPT_QUESTION, faq_body
from tests.home.factories import publish, translate

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.DOTALL)
HEADINGS = re.compile(r"<h([1-6])[^>]*>(.*?)</h\1>", re.DOTALL)


@pytest.fixture
def contact_person(db) -> ContactPerson:
    german = ContactPerson.objects.create(
        name="Jana Richter", role="Beraterin", email="richter@kts.example",
        phone="030 1234-568", locale=Locale.objects.get(language_code="de"))
    english = german.copy_for_translation(Locale.objects.get(language_code="en"))
    english.role = "Adviser"
    english.save()
    return german


@pytest.fixture
def faq(site, contact_person) -> FAQPage:
    page = site.root_page.add_child(instance=FAQPage(
        title="Häufige Fragen", slug="faq", intro="Antworten zu Start Smart.",
        body=faq_body(language="de", person=contact_person),
        locale_id=site.root_page.locale_id))
    publish(page)
    # The English page keeps pointing at the German contact person, as wagtail-localize
    # leaves it; the page shows the person's English version.
    translate(page, "en", title="Frequently asked questions", slug="faq-en",
              intro="Answers about Start Smart.",
              body=faq_body(language="en", person=contact_person))
    return FAQPage.objects.get(pk=page.pk)


def english(page: FAQPage) -> FAQPage:
    return page.get_translation(Locale.objects.get(language_code="en"))


def structured_data(html: str) -> dict[str, Any]:
    scripts = JSON_LD.findall(html)
    assert len(scripts) == 1
    return json.loads(scripts[0])


def headings(html: str) -> list[tuple[int, str]]:
    """The outline of the page's main content (the footer has headings of its own)."""
    main = html[html.index("<main"):html.index("</main>")]
    return [(int(level), re.sub(r"<[^>]+>", "", text).strip())
            for level, text in HEADINGS.findall(main)]


def test_faq_page_shows_questions_by_topic_in_german(client, faq):
    response = client.get(faq.url)

    assert response.status_code == 200
    html = response.content.decode()
    outline = headings(html)
    assert outline[0] == (1, "Häufige Fragen")
    assert outline[1:] == [
        (2, "Teilnahme"), (3, "Was kostet die Teilnahme?"), (3, "Wer kann teilnehmen?"),
        (2, "Technik"), (3, SCRIPT_QUESTION.replace("<", "&lt;").replace(">", "&gt;")),
        (2, "Kontakt zur Transferstelle"),
    ]
    assert "Nichts: alle Formate sind kostenfrei." in html


def test_faq_page_shows_the_english_translation(client, faq):
    with translation.override("en"):
        response = client.get(english(faq).url)

    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert [text for level, text in headings(html) if level < 3] == [
        "Frequently asked questions", "Taking part", "Technology", "Contact the office"]
    assert "What does it cost?" in html
    assert "Was kostet die Teilnahme?" not in html


def test_every_question_is_in_the_faq_markup_with_a_plain_text_answer(client, faq):
    data = structured_data(client.get(faq.url).content.decode())

    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "FAQPage"
    assert [question["name"] for question in data["mainEntity"]] == [
        "Was kostet die Teilnahme?", "Wer kann teilnehmen?", SCRIPT_QUESTION]
    assert all(question["@type"] == "Question" for question in data["mainEntity"])
    answers = [question["acceptedAnswer"] for question in data["mainEntity"]]
    assert all(answer["@type"] == "Answer" for answer in answers)
    assert answers[0]["text"] == ("Nichts: alle Formate sind kostenfrei.\n"
                                  "Reise & Unterkunft tragen Sie selbst.")
    assert answers[1]["text"] == "Kommunen\nLandkreise"
    assert answers[2]["text"] == "Er bleibt Text <b>."


def test_english_page_marks_up_the_english_questions(client, faq):
    with translation.override("en"):
        data = structured_data(client.get(english(faq).url).content.decode())

    assert [question["name"] for question in data["mainEntity"]] == [
        "What does it cost?", "Who can take part?", SCRIPT_QUESTION]


def test_script_tag_in_a_question_stays_inside_the_json(client, faq):
    html = client.get(faq.url).content.decode()

    # The only scripts on the page are the ones the templates put there: the editor's
    # "</script><script>" neither closes the JSON-LD nor opens a script of its own.
    assert "<script>alert(1)</script>" not in html
    assert html.count("<script") == html.count("</script>")
    assert "alert(1)" not in html.replace(
        "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)", "").replace(
        "&lt;/script&gt;&lt;script&gt;alert(1)", "")
    assert structured_data(html)["mainEntity"][2]["name"] == SCRIPT_QUESTION


def test_contact_block_shows_hotline_hours_email_and_named_contacts(client, faq):
    html = client.get(faq.url).content.decode()

    assert '<a href="tel:+49301234567">+49 (0)30 1234-567</a>' in html
    assert "Mo–Do 9–16 Uhr" in html
    assert '<a href="mailto:startsmart@kts.example">startsmart@kts.example</a>' in html
    assert "Jana Richter" in html
    assert "Beraterin" in html
    assert '<a href="tel:03012345-68">' not in html


def test_english_contact_block_shows_the_contact_in_english(client, faq):
    with translation.override("en"):
        html = client.get(english(faq).url).content.decode()

    assert "Mon–Thu 9 am–4 pm" in html
    assert "Jana Richter" in html
    assert "Adviser" in html
    assert "Beraterin" not in html
    assert ">Hotline</dt>" in html
    assert ">Opening hours</dt>" in html


def test_faq_content_is_in_the_pages_api(client, faq):
    response = client.get("/api/v2/pages/?type=events.FAQPage&fields=intro,body&locale=de")

    assert response.status_code == 200
    items = response.json()["items"]
    assert [page["title"] for page in items] == ["Häufige Fragen"]
    body = items[0]["body"]
    topic = body[0]["value"]
    assert topic["heading"] == "Teilnahme"
    assert [entry["question"] for entry in topic["items"]] == [
        "Was kostet die Teilnahme?", "Wer kann teilnehmen?"]
    assert "kostenfrei" in topic["items"][0]["answer"]
    contact = body[2]["value"]
    assert contact["hotline"] == "+49 (0)30 1234-567"
    assert contact["email"] == "startsmart@kts.example"
    assert contact["contacts"][0]["person"]["name"] == "Jana Richter"


def test_english_faq_in_the_api_names_the_contact_in_english(client, faq):
    items = client.get("/api/v2/pages/?type=events.FAQPage&fields=body&locale=en").json()["items"]

    assert [page["title"] for page in items] == ["Frequently asked questions"]
    contact = items[0]["body"][2]["value"]
    assert contact["contacts"][0]["person"]["role"] == "Adviser"


def test_editors_create_faq_pages_below_the_home_page_only(site):
    home = site.root_page.specific
    calendar = event_calendar(site)
    standard = home.add_child(instance=StandardPage(title="Über uns", slug="ueber-uns",
                                                    locale_id=home.locale_id))

    assert FAQPage.can_create_at(home)
    assert not FAQPage.can_create_at(calendar)
    assert not FAQPage.can_create_at(standard)
    # The home page still takes every other kind of page.
    assert {StandardPage, EventIndexPage, FAQPage} <= set(HomePage.allowed_subpage_models())
    assert FAQPage.allowed_subpage_models() == []
