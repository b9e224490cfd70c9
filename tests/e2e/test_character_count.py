"""In a real Chromium, a text field with a limit counts its characters as the editor types,
and the count is tied to the field for screen readers."""

from __future__ import annotations

import pytest

from tests.home.factories import bilingual_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Redaktion-Passphrase-2026"


def test_the_title_counts_its_characters(browser_page, live_server, django_user_model):
    site = bilingual_site()
    django_user_model.objects.create_superuser("admin@kts.example", "admin@kts.example",
                                               PASSWORD)
    page, server = browser_page, live_server.url
    page.goto(f"{server}/admin/login/")
    page.locator("#id_username").fill("admin@kts.example")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{server}/admin/")
    page.goto(f"{server}/admin/pages/{site.root_page.pk}/edit/")
    title = page.locator("#id_title")
    counter = page.locator("#id_title-character-count")
    assert counter.inner_text() == "10 von 255 Zeichen"  # "Startseite"
    title.fill("Start")
    assert counter.inner_text() == "5 von 255 Zeichen"
    assert "id_title-character-count" in title.get_attribute("aria-describedby")
