"""A publication carries its document: the page names its type, size, pages and
language in the download link (as GOV.UK does for attachments) and shows a cover
rendered from the PDF's first page; every demo publication ships a generated PDF."""

from __future__ import annotations

import io

import pypdf
import pytest
from bs4 import BeautifulSoup
from django.core.files.base import ContentFile
from django.utils import translation
from wagtail.documents import get_document_model

from home.illustrations import draw_cover
from repository.models import PublicationKind, PublicationPage
from repository.pdf_writer import TextPage, write_pdf
from tests.demo import install_demo
from tests.home.factories import publish
from tests.repository.factories import PublicationIndexPageFactory, PublicationPageFactory

pytestmark = pytest.mark.django_db


def stored_document(title: str, name: str, content: bytes):
    document = get_document_model()(title=title)
    document.file.save(name, ContentFile(content), save=False)
    document.save()
    return document


def three_page_pdf() -> bytes:
    cover = draw_cover("Leitfaden Datenplattform", "Leitfaden", "KTS", "data", "#00607a", 1)
    return write_pdf(cover, [TextPage("Zusammenfassung", ["Worum es geht."]),
                             TextPage("1. Vorgehen", ["Schritt für Schritt."])],
                     title="Leitfaden Datenplattform", author="KTS", language="de")


def attachment(html: str):
    soup = BeautifulSoup(html, "html.parser")
    return soup.select_one("main .attachment"), soup.select_one("main .picture--cover img")


def test_a_pdf_gives_the_page_its_page_count_and_a_cover_from_its_first_page(site, client):
    index = publish(PublicationIndexPageFactory(parent=site.root_page, slug="publikationen"))
    document = stored_document("Leitfaden Datenplattform", "leitfaden.pdf", three_page_pdf())
    page = publish(PublicationPageFactory(parent=index, title="Leitfaden Datenplattform",
                                          slug="leitfaden", document=document))
    page = PublicationPage.objects.get(pk=page.pk)
    assert page.document_pages == 3
    assert page.image is not None and page.image.width == 800
    assert page.image_alt == "Titelseite von „Leitfaden Datenplattform“"

    box, cover = attachment(client.get(page.url).content.decode())
    link = box.select_one(".attachment__title a")
    assert link["href"] == document.url and link["hreflang"] == "de"
    size = document.get_file_size()
    metadata = box.select_one(".attachment__metadata").get_text(" ", strip=True)
    assert metadata.startswith("PDF, ") and "3 Seiten" in metadata and "auf Deutsch" in metadata
    assert f"{size / 1024:.1f}".replace(".", ",") in metadata  # e.g. "PDF, 92,4 KB"
    assert cover["alt"] == page.image_alt and cover["width"] and cover["srcset"]
    assert client.get(f"/api/v2/publications/{page.pk}/").json()["document_facts"] == {
        "kind": "PDF", "size": size, "pages": 3, "language": "de"}


def test_an_editors_own_cover_stays_and_a_new_document_is_counted_again(site):
    index = publish(PublicationIndexPageFactory(parent=site.root_page, slug="publikationen"))
    page = publish(PublicationPageFactory(parent=index, document=stored_document(
        "Eins", "eins.pdf", three_page_pdf())))
    page = PublicationPage.objects.get(pk=page.pk)
    chosen = page.image
    page.document = stored_document("Zwei", "zwei.pdf", write_pdf(
        draw_cover("Zwei", "Studie", "BBSR", "energy", "#8a5a00", 2), [],
        title="Zwei", author="BBSR", language="de"))
    page.save()
    page.refresh_from_db()
    assert page.document_pages == 1
    assert page.image == chosen


def test_a_file_that_is_no_pdf_inside_is_saved_without_pages_or_cover(site, client):
    index = publish(PublicationIndexPageFactory(parent=site.root_page, slug="publikationen"))
    broken = stored_document("Kaputt", "kaputt.pdf", b"%PDF-1.7\nnot really a PDF\n")
    page = publish(PublicationPageFactory(parent=index, slug="kaputt", document=broken))
    page = PublicationPage.objects.get(pk=page.pk)
    assert page.document_pages is None and page.image is None
    response = client.get(page.url)
    assert response.status_code == 200
    box, cover = attachment(response.content.decode())
    assert cover is None
    assert box.select_one(".attachment__metadata").get_text(strip=True).startswith("PDF, ")
    assert "Seite" not in box.select_one(".attachment__metadata").get_text()


def test_every_demo_publication_ships_a_pdf_shown_with_type_size_pages_and_cover(client):
    install_demo("home", "community", "repository")
    publications = PublicationPage.objects.live().select_related("document", "image")
    assert publications.count() == 16  # eight in German, eight in English
    for page in publications:
        assert page.document is not None, page.title
        with page.document.file.open("rb") as stored:
            reader = pypdf.PdfReader(io.BytesIO(stored.read()))
        assert len(reader.pages) == page.document_pages >= 3
        assert reader.metadata.title == page.document.title
        box, cover = attachment(client.get(page.url).content.decode())
        metadata = box.select_one(".attachment__metadata").get_text(" ", strip=True)
        language = "Seiten" if page.locale.language_code == "de" else "pages"
        assert "PDF, " in metadata and f"{page.document_pages} {language}" in metadata
        assert cover is not None and cover["alt"], page.url


def test_a_report_is_called_bericht_in_german_not_melden():
    """Community's "Report" (a post, to the moderators) is "Melden"; the kind of
    publication carries a context so that the two do not meet in one catalogue."""
    with translation.override("de"):
        assert str(PublicationKind.REPORT.label) == "Bericht"
    with translation.override("en"):
        assert str(PublicationKind.REPORT.label) == "Report"
