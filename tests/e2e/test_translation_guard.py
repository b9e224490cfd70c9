"""In a real Chromium, an editor who publishes a half-translated page from wagtail-localize's
translation editor is asked first, sees what is untranslated, and can go back or publish."""

from __future__ import annotations

import os

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from wagtail.users.models import UserProfile

from home.models import StandardPage
from tests.e2e.accessibility import assert_accessible
from tests.home.factories import bilingual_site
from tests.home.translation_helpers import translated_in_part

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Redaktion-Passphrase-2026"
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")
TEXTS = {
    "de": {"heading": "Noch nicht übersetzt", "intro": "Einleitung",
           "back": "Zurück zur Übersetzung", "anyway": "Trotzdem auf Englisch veröffentlichen"},
    "en": {"heading": "Not translated yet", "intro": "Intro",
           "back": "Back to the translation", "anyway": "Publish in English anyway"},
}


@pytest.fixture
def half_translated(live_server, django_user_model):
    site = bilingual_site()
    editor = django_user_model.objects.create_user("redaktion@kts.example",
                                                   "redaktion@kts.example", PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    client = Client()
    client.force_login(editor)
    page = translated_in_part(client, site, title="Theme workshops")
    return {"url": live_server.url, "page": page, "editor": editor}


def sign_in(page, server: str) -> None:
    page.goto(f"{server}/admin/login/")
    page.locator("#id_username").fill("redaktion@kts.example")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{server}/admin/")


@pytest.mark.parametrize("language", ["de", "en"])
def test_publishing_a_half_translated_page_asks_first(browser_page, half_translated, language):
    page, server, english = browser_page, half_translated["url"], half_translated["page"]
    texts = TEXTS[language]
    profile = UserProfile.get_for_user(half_translated["editor"])
    profile.preferred_language = language
    profile.save()
    page.set_viewport_size({"width": 1366, "height": 900})
    sign_in(page, server)
    editor_url = f"{server}/admin/pages/{english.pk}/edit/"
    page.goto(editor_url)
    # wagtail-localize made the translation live with the German text (it follows the
    # original's live status); what the guard holds back is the new revision.
    live_before = StandardPage.objects.get(pk=english.pk).live_revision_id
    page.locator("button[name=action][value=publish]").click()

    page.get_by_role("heading", name=texts["heading"]).wait_for()
    rows = page.locator("table.listing tbody tr")
    assert texts["intro"] in rows.all_inner_texts()[-1]
    assert "Dreieinhalb Stunden." in rows.all_inner_texts()[-1]
    assert "themenworkshops" in rows.all_inner_texts()[0]  # the slug, beside the title
    assert StandardPage.objects.get(pk=english.pk).live_revision_id == live_before
    assert_accessible(page)
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/translation-guard-{language}-1366.png",
                        full_page=True)
        page.set_viewport_size({"width": 390, "height": 1000})
        page.screenshot(path=f"{SCREENSHOTS}/translation-guard-{language}-390.png",
                        full_page=True)

    page.get_by_role("link", name=texts["back"]).click()
    page.wait_for_url(editor_url)
    page.locator("button[name=action][value=publish]").click()
    page.get_by_role("button", name=texts["anyway"]).click()
    page.wait_for_url(editor_url)
    english = StandardPage.objects.get(pk=english.pk)
    assert english.live_revision_id != live_before
    assert english.live and english.title == "Theme workshops"
