import datetime

import factory
import wagtail_factories
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from news.models import NewsArticlePage, NewsIndexPage
from tests.home.factories import publish

# The smallest PDF the document facts read (a header and an end-of-file marker).
PDF_BYTES = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


class NewsIndexPageFactory(wagtail_factories.PageFactory):
    title = "Aktuelles"
    slug = "aktuelles"
    intro = "Neuigkeiten und Pressemitteilungen."

    class Meta:
        model = NewsIndexPage


class NewsArticlePageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Meldung {n}")
    slug = factory.Sequence(lambda n: f"meldung-{n}")
    summary = "Eine kurze Meldung der Koordinierungsstelle."
    date = factory.Sequence(lambda n: datetime.date(2026, 3, 1) + datetime.timedelta(days=n))

    class Meta:
        model = NewsArticlePage


def pdf_document(title: str = "Pressemitteilung"):
    document = get_document_model()(title=title)
    document.file.save(f"{title.lower().replace(' ', '-')}.pdf", ContentFile(PDF_BYTES),
                       save=False)
    document._set_document_file_metadata()
    document.save()
    return document


def add_articles(index, count: int, **fields) -> list[NewsArticlePage]:
    return [publish(NewsArticlePageFactory(parent=index, **fields)) for _ in range(count)]
