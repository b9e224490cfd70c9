"""The demo publications' documents: a PDF per publication, made here (repository.
pdf_writer) with a drawn cover (home.illustrations), a summary page and a few chapters,
in the publication's language, stored once as a Wagtail document (looked up by title)."""

from __future__ import annotations

import random
from typing import Any

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from home.illustrations import draw_cover, seed_of
from repository.pdf_writer import TextPage, write_pdf

KINDS = {
    "de": {"handout": "Handreichung", "study": "Studie", "guideline": "Leitfaden",
           "report": "Bericht", "toolkit": "Werkzeugkasten"},
    "en": {"handout": "Handout", "study": "Study", "guideline": "Guideline",
           "report": "Report", "toolkit": "Toolkit"},
}
CHAPTERS = {
    "de": ["Ausgangslage", "Vorgehen Schritt für Schritt", "Beispiele aus den Modellprojekten",
           "Organisation und Finanzierung", "Empfehlungen für Kommunen"],
    "en": ["Where municipalities start", "Step by step", "Examples from the model projects",
           "Organisation and funding", "Recommendations for municipalities"],
}
SENTENCES = {
    "de": ["Die Modellprojekte Smart Cities haben diesen Weg erprobt und ihre Erfahrungen "
           "für andere Kommunen aufbereitet.",
           "Wichtig ist, früh die Menschen vor Ort einzubeziehen und Ziele messbar zu machen.",
           "Offene Standards und offene Software erleichtern es, Lösungen zu übernehmen.",
           "Kleine Kommunen profitieren besonders von Kooperationen und gemeinsamen "
           "Ausschreibungen."],
    "en": ["The Model Projects Smart Cities have tried this path and prepared their "
           "experience for other municipalities.",
           "It matters to involve local people early and to make goals measurable.",
           "Open standards and open-source software make solutions easier to adopt.",
           "Small municipalities gain most from cooperation and joint tenders."],
}


def document_title(publication: dict[str, Any]) -> str:
    """The title printed on the document: in the document's own language."""
    return publication[publication["language"]]["title"]


def publication_pdf(publication: dict[str, Any], publisher: str,
                    topic: dict[str, Any]) -> bytes:
    language = publication["language"]
    title = document_title(publication)
    rnd = random.Random(seed_of(title))
    cover = draw_cover(title, KINDS[language][publication["kind"]], publisher,
                       topic["motif"], topic["colour"], seed_of(title))
    summary = "Zusammenfassung" if language == "de" else "Summary"
    pages = [TextPage(summary, [publication[language]["summary"]])]
    for number, chapter in enumerate(CHAPTERS[language][:rnd.randint(2, 5)], start=1):
        paragraphs = [" ".join(rnd.sample(SENTENCES[language], 3)) for _ in range(4)]
        pages.append(TextPage(f"{number}. {chapter}", paragraphs))
    return write_pdf(cover, pages, title=title, author=publisher, language=language)


def publication_document(publication: dict[str, Any], publisher: str, topic: dict[str, Any]):
    """The publication's PDF as a Wagtail document, made when it is missing."""
    model = get_document_model()
    title = document_title(publication)
    existing = model.objects.filter(title=title).first()
    if existing is not None:
        return existing
    slug = publication["de"]["slug"]
    document = model(title=title)
    document.file.save(f"{slug}.pdf", ContentFile(publication_pdf(publication, publisher, topic)),
                       save=False)
    # Size and hash as Wagtail's upload form sets them: without them the first page that
    # shows the document saves it (Document.get_file_size), which retires every cached
    # page and frame once (home/content_cache.py).
    document._set_document_file_metadata()
    document.save()
    return document
