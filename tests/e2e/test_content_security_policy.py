"""The Wagtail admin and the public pages work under their Content-Security-Policy in a
real Chromium: no violation is reported, no script fails, and the admin's widgets run
(a date picker opens, the page editor loads)."""

from __future__ import annotations

import os

import pytest

from community.models import Membership, MembershipState
from tests.community.factories import make_user
from tests.e2e.accessibility import assert_accessible
from tests.home.factories import bilingual_site

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Admin-Passphrase-2026"
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


@pytest.fixture
def admin_server(live_server, django_user_model):
    site = bilingual_site()
    django_user_model.objects.create_superuser("admin@kts.example", "admin@kts.example",
                                               PASSWORD)
    from community.models import PeerGroupIndexPage, PeerGroupPage
    from tests.home.factories import publish

    index = site.root_page.add_child(instance=PeerGroupIndexPage(
        title="Peergruppen", slug="peergruppen", locale_id=site.root_page.locale_id))
    publish(index)
    group = index.add_child(instance=PeerGroupPage(
        title="Datenräume", slug="datenraeume", topic="Daten", description="<p>Daten</p>",
        locale_id=index.locale_id))
    publish(group)
    membership = Membership.objects.create(group=PeerGroupPage.objects.get(pk=group.pk),
                                           user=make_user("mitglied"),
                                           state=MembershipState.ACTIVE)
    return {"url": live_server.url, "page": site.root_page, "membership": membership}


def watch(page) -> list[str]:
    """Collects CSP violations and script errors as the browser reports them."""
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text)
            if "Content Security Policy" in message.text else None)
    page.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    return problems


def test_the_admin_works_under_its_policy(browser_page, admin_server):
    page, server = browser_page, admin_server["url"]
    page.set_viewport_size({"width": 1366, "height": 900})
    problems = watch(page)
    page.goto(f"{server}/admin/login/")
    page.locator("#id_username").fill("admin@kts.example")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(f"{server}/admin/")
    assert page.locator("main").count() == 1

    page.goto(f"{server}/admin/pages/{admin_server['page'].pk}/edit/")
    page.wait_for_selector("form#page-edit-form")
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/admin-page-editor-1366.png")

    # A snippet with a date-time field: its picker is started by an inline script.
    page.goto(f"{server}/admin/snippets/community/membership/edit/"
              f"{admin_server['membership'].pk}/")
    field = page.locator("#id_decided_at")
    field.click()
    page.wait_for_selector(".xdsoft_datetimepicker", state="visible")
    assert problems == []


def test_public_pages_report_no_violation(browser_page, admin_server):
    page, server = browser_page, admin_server["url"]
    problems = watch(page)
    for path in ("/de/", "/de/peergruppen/", "/de/peergruppen/datenraeume/",
                 "/de/konto/anmelden/"):
        response = page.goto(f"{server}{path}")
        assert response.status == 200, path
        assert "frame-ancestors 'none'" in response.headers["content-security-policy"]
    assert problems == []


@pytest.mark.parametrize("width", [390, 1366])
def test_a_locked_out_sign_in_offers_the_password_reset(browser_page, admin_server, width):
    page, server = browser_page, admin_server["url"]
    page.set_viewport_size({"width": width, "height": 900})
    problems = watch(page)
    for attempt in range(5):
        page.goto(f"{server}/de/konto/anmelden/")
        page.locator("#id_username").fill("admin@kts.example")
        page.locator("#id_password").fill(f"falsch-{attempt}")
        page.locator("main button[type=submit]").click()
    assert page.locator("h1").inner_text() == "Zu viele Versuche"
    assert "Bitte warten Sie 15 Minuten" in page.locator("main").inner_text()
    page.get_by_role("link", name="Passwort per E-Mail zurücksetzen").wait_for()
    assert_accessible(page)
    if SCREENSHOTS:
        page.screenshot(path=f"{SCREENSHOTS}/lockout-{width}.png", full_page=True)
    assert problems == []
