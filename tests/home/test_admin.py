"""Editors publish and translate through the Wagtail admin."""

import pytest
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield
from wagtail_localize.models import Translation

from home.models import ContactPerson, StandardPage
from tests.home.factories import StandardPageFactory, publish

pytestmark = pytest.mark.django_db


def add_standard_page(client, parent, **fields):
    data = nested_form_data({
        "title": "Peer-Learning",
        "slug": "peer-learning",
        "intro": "Sechs Termine, virtuell.",
        "body": streamfield([
            ("heading", {"text": "Ablauf", "level": "h2"}),
            ("paragraph", rich_text("<p>Zwei Stunden je Termin.</p>")),
        ]),
        "action-publish": "publish",
        **fields,
    })
    url = reverse("wagtailadmin_pages:add", args=("home", "standardpage", parent.id))
    return client.post(url, data)


def test_editor_publishes_a_standard_page(editor_client, client, site):
    response = add_standard_page(editor_client, site.root_page)
    assert response.status_code == 302
    page = StandardPage.objects.get(slug="peer-learning", locale__language_code="de")
    assert page.live
    assert "Zwei Stunden je Termin." in client.get("/de/peer-learning/").content.decode()


def test_new_german_page_appears_in_english_until_translated(editor_client, client, site):
    """wagtail-localize's locale sync: the English tree mirrors the German one."""
    add_standard_page(editor_client, site.root_page)
    german = StandardPage.objects.get(slug="peer-learning", locale__language_code="de")
    alias = StandardPage.objects.get(translation_key=german.translation_key,
                                     locale__language_code="en")
    assert alias.alias_of_id == german.id
    html = client.get("/en/peer-learning/").content.decode()
    assert '<html lang="en">' in html
    assert '<main id="main" tabindex="-1" lang="de">' in html
    assert "has not been translated yet" in html
    assert "Zwei Stunden je Termin." in html


def test_image_without_alt_text_is_refused_and_nothing_is_saved(editor_client, site):
    from wagtail.images.models import Image
    from wagtail.images.tests.utils import get_test_image_file

    image = Image.objects.create(title="Karte", file=get_test_image_file())
    response = add_standard_page(editor_client, site.root_page, body=streamfield([
        ("image", {"image": image.id, "alt_text": "", "decorative": "", "caption": "",
                   "credit": ""}),
    ]))
    assert response.status_code == 200
    assert "Beschreiben Sie das Bild" in response.content.decode()
    assert not StandardPage.objects.filter(slug="peer-learning").exists()


def test_editor_submits_a_page_for_translation(editor_client, site):
    page = publish(StandardPageFactory(parent=site.root_page, slug="themenworkshops"))
    english = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_page_translation", args=(page.id,))
    response = editor_client.post(url, {"locales": [english.id]})
    assert response.status_code == 302
    translated = Page.objects.get(translation_key=page.translation_key, locale=english)
    assert translated.get_parent().specific.locale == english
    assert Translation.objects.filter(source__object_id=page.translation_key,
                                      target_locale=english).exists()


@pytest.mark.parametrize("url_name", [
    "wagtailsnippets_home_contactperson:list",
    "wagtailsnippets_home_partnerorganisation:list",
    "wagtailsnippets_home_footertext:list",
])
def test_snippets_are_managed_in_the_admin(editor_client, url_name):
    ContactPerson.objects.create(name="Jonas Weber", locale=Locale.objects.get(language_code="de"))
    response = editor_client.get(reverse(url_name))
    assert response.status_code == 200


def test_site_settings_are_editable(editor_client, site):
    url = reverse("wagtailsettings:edit", args=("home", "sitesettings", site.id))
    assert editor_client.get(url).status_code == 200


def test_anonymous_visitor_is_sent_to_the_login(client, site):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response.url
