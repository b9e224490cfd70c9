"""The FAQ page and the newsletter pages in a real Chromium: questions open with the
keyboard, forms work by their labels, and axe finds nothing."""

import pytest
from wagtail.models import Locale

from events.models import FAQPage
from home.models import ContactPerson
from tests.e2e.accessibility import assert_accessible
from tests.events.faq_helpers import faq_body
from tests.events.newsletter_helpers import subscribe, url
from tests.home.factories import bilingual_site, publish
from tests.repository.factories import TopicFactory, english_topic

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_questions_open_with_the_keyboard_and_the_page_passes_axe(browser_page, live_server):
    site = bilingual_site()
    person = ContactPerson.objects.create(name="Jana Richter", role="Beraterin",
                                          locale=Locale.objects.get(language_code="de"))
    page = site.root_page.add_child(instance=FAQPage(
        title="Häufige Fragen", slug="faq", body=faq_body(language="de", person=person),
        locale_id=site.root_page.locale_id))
    publish(page)
    browser = browser_page
    browser.goto(f"{live_server.url}{page.url}")

    question = browser.get_by_role("heading", level=3, name="Was kostet die Teilnahme?")
    toggle = question.get_by_role("button", name="Was kostet die Teilnahme?")
    answer = browser.get_by_text("Nichts: alle Formate sind kostenfrei.")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not answer.is_visible()
    assert_accessible(browser)

    # Keyboard only: tab from the top of the content to the first question, open it.
    browser.locator("main").focus()
    browser.keyboard.press("Tab")
    assert browser.evaluate("document.activeElement.textContent") == "Was kostet die Teilnahme?"
    browser.keyboard.press("Enter")
    assert answer.is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    browser.keyboard.press("Space")
    assert not answer.is_visible()
    # Every question is still a level-3 heading, below its topic's level-2 heading.
    assert browser.get_by_role("heading", level=3).count() == 3
    browser.keyboard.press("Enter")
    assert_accessible(browser)


def test_sign_up_and_unsubscribe_pages_work_by_label_and_pass_axe(browser_page, live_server):
    bilingual_site()
    english_topic(TopicFactory(name="Mobilität", slug="mobilitaet"), "Mobility")
    page = browser_page
    page.goto(f"{live_server.url}{url('newsletter', 'en')}")
    assert_accessible(page)

    page.get_by_role("button", name="Subscribe").click()
    assert page.get_by_role("alert").is_visible()
    assert_accessible(page)

    page.get_by_label("E-mail address").fill("jane@example.org")
    page.get_by_role("group", name="Topics").get_by_label("Mobility").check()
    page.get_by_role("group", name="Formats").get_by_label("Theme workshop").check()
    page.get_by_label("I would like to receive the Start Smart newsletter").check()
    page.get_by_role("button", name="Subscribe").click()
    page.wait_for_url(f"{live_server.url}{url('newsletter_thanks', 'en')}")
    assert page.locator("h1").inner_text() == "Please check your inbox"
    assert_accessible(page)

    subscription = subscribe("jane@example.org", language="en")
    page.goto(f"{live_server.url}{url('newsletter_unsubscribe', 'en', [subscription.token])}")
    assert_accessible(page)
    page.get_by_role("button", name="Unsubscribe").click()
    assert page.locator("h1").inner_text() == "You have unsubscribed"
    assert_accessible(page)
    subscription.refresh_from_db()
    assert subscription.unsubscribed_at is not None
