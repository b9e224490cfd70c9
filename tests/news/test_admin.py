"""Editors write news in the admin: the form offers every field, a press release without
its PDF is refused with a message and nothing is saved, one with it is published."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, streamfield

from news.models import NewsArticlePage

pytestmark = pytest.mark.django_db


def article_form(action: str = "action-publish", **fields) -> dict:
    return nested_form_data({
        "title": "Neue Förderrunde", "slug": "neue-foerderrunde", "date": "2026-03-20",
        "kind": "press_release", "summary": "Kommunen können sich bewerben.",
        "body": streamfield([]), "related_pages": streamfield([]), "tags": "",
        "image_alt": "", action: action, **fields,
    })


def add_url(index) -> str:
    return reverse("wagtailadmin_pages:add", args=("news", "newsarticlepage", index.pk))


def test_editor_sees_the_article_form(editor_client, newsroom):
    html = editor_client.get(add_url(newsroom["index"])).content.decode()
    for field in ("id_date", "id_kind", "id_document", "id_summary", "id_contacts",
                  "id_topics", "id_tags", "related_pages"):
        assert field in html


def test_press_release_without_pdf_is_refused_and_nothing_saved(editor_client, newsroom):
    response = editor_client.post(add_url(newsroom["index"]), article_form())
    assert response.status_code == 200
    assert "Eine Pressemitteilung braucht ihr PDF." in response.content.decode()
    assert not NewsArticlePage.objects.filter(slug="neue-foerderrunde").exists()


def test_press_release_with_its_pdf_is_published(editor_client, newsroom):
    form = article_form(document=newsroom["press"].document_id)
    response = editor_client.post(add_url(newsroom["index"]), form)
    assert response.status_code == 302
    page = NewsArticlePage.objects.get(slug="neue-foerderrunde", locale__language_code="de")
    assert page.live and page.document_id == newsroom["press"].document_id
