"""Publishing a half-translated page asks first and names what is untranslated; the
translation editor shows the slug beside the title."""

from __future__ import annotations

import html
import json
import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import Page
from wagtail_localize.views import edit_translation as localize_editor

from home.translation_guard import CONFIRM_FIELD, SlugBesideTitleTabHelper
from tests.home.factories import StandardPageFactory
from tests.home.translation_helpers import translated_in_part

pytestmark = pytest.mark.django_db


def person_in(role: str):
    user = get_user_model().objects.create_user(f"{role.lower()}@kts.example",
                                                f"{role.lower()}@kts.example", "pw")
    user.groups.add(Group.objects.get(name=role))
    return user


def publish_translation(client, page: Page, **extra: str):
    # wagtail-localize publishes the revision once the transaction commits.
    from django.test import TestCase

    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]),
                           {"action": "publish", **extra})


@pytest.fixture
def editor(client):
    client.force_login(person_in("Editors"))
    return client


def test_publishing_a_half_translated_page_asks_first_and_names_the_gaps(editor, site):
    page = translated_in_part(editor, site, title="Theme workshops")
    live_before = page.live_revision_id
    response = publish_translation(editor, page)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Veröffentlichen mit unübersetztem Text?" in body
    # The untranslated segments by field, with their German text; the translated title not.
    assert "Dreieinhalb Stunden." in body
    assert re.search(r"<th scope=\"row\">Kurzname[^<]*</th><td lang=\"de\">"
                     r"themenworkshops</td>", body)
    assert "Themenworkshops</td>" not in body
    assert f'name="{CONFIRM_FIELD}"' in body
    assert "Trotzdem auf Englisch veröffentlichen" in body
    page.refresh_from_db()
    assert page.live_revision_id == live_before  # nothing was published


def test_confirming_publishes_with_the_gaps(editor, site):
    page = translated_in_part(editor, site, title="Theme workshops")
    response = publish_translation(editor, page, **{CONFIRM_FIELD: "1"})
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live and page.title == "Theme workshops"
    assert page.intro == "Dreieinhalb Stunden."


def test_a_complete_translation_publishes_at_once(editor, site):
    page = translated_in_part(editor, site, title="Theme workshops", slug="theme-workshops",
                              intro="Three and a half hours.")
    response = publish_translation(editor, page)
    assert response.status_code == 302
    page.refresh_from_db()
    assert page.live
    assert (page.title, page.slug, page.intro) == (
        "Theme workshops", "theme-workshops", "Three and a half hours.")


def test_a_translator_who_may_not_publish_is_refused_not_asked(client, site):
    editor = person_in("Editors")
    client.force_login(editor)
    page = translated_in_part(client, site, title="Theme workshops")
    client.force_login(person_in("Translators"))
    for extra in ({}, {CONFIRM_FIELD: "1"}):
        response = publish_translation(client, page, **extra)
        # Wagtail answers a refusal in the admin with a redirect and a message.
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        page.refresh_from_db()
        assert not page.live


def test_saving_a_translation_segment_is_not_held(editor, site):
    page = translated_in_part(editor, site)
    response = editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    assert response.status_code == 200
    assert "Veröffentlichen mit unübersetztem Text?" not in response.content.decode()


def editor_segments(response) -> list[dict]:
    props = re.search(r'data-props="([^"]*)"', response.content.decode()).group(1)
    return json.loads(html.unescape(props))["segments"]


def test_the_translation_editor_shows_the_slug_beside_the_title(editor, site):
    page = translated_in_part(editor, site)
    segments = editor_segments(editor.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    paths = [segment["contentPath"] for segment in segments]
    assert paths.index("slug") == paths.index("title") + 1
    title, slug = segments[paths.index("title")], segments[paths.index("slug")]
    assert slug["location"]["tab"] == title["location"]["tab"]


def test_upstream_still_puts_the_slug_on_the_promote_tab(site):
    """SlugBesideTitleTabHelper works around this; once it fails, drop the helper."""
    page = StandardPageFactory(parent=site.root_page)
    upstream = localize_editor.TabHelper.__mro__[1] if (
        localize_editor.TabHelper is SlugBesideTitleTabHelper) else localize_editor.TabHelper
    tabs = upstream(page)
    assert tabs.get_field_tab("slug") != tabs.get_field_tab("title")
