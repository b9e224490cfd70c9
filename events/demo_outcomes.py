"""Demo outcomes of a past Start Smart event: the results of the regional conference in
Ulm, its slides and minutes (a PDF per language), and the model project, solution and
publication it discussed (from the repository's demo), which then name the event as
"discussed at"; German and English."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Locale
from wagtail.rich_text import RichText

from community.demo import publish_page
from events.models import EventPage
from repository.models import ModelProjectPage, PublicationPage, SolutionPage
from repository.pdf_writer import TextPage, write_pdf

Log = Callable[[str], None]

# What the past regional conference in Ulm produced: its results, and the model project,
# solution and publication it discussed (repository demo), which name it in return.
OUTCOMES_OF = "regionalkonferenz-sued"
OUTCOME_PAGES = ((ModelProjectPage, "smart-city-ulm"),
                 (SolutionPage, "offenes-datenportal"),
                 (PublicationPage, "leitfaden-urbane-datenplattformen"))
OUTCOME_RESULTS = {
    "de": "Ulm hat gezeigt, wie das offene Datenportal im Regelbetrieb läuft. Vier Kommunen "
          "der Region wollen es übernehmen und stimmen sich bis zum Frühjahr ab; der "
          "Leitfaden zu urbanen Datenplattformen dient ihnen als Grundlage.",
    "en": "Ulm showed how its open data portal runs in day-to-day operation. Four "
          "municipalities of the region want to adopt it and will coordinate by the spring; "
          "the guideline on urban data platforms is their starting point.",
}
# The conference's slides and minutes: what the document says, in each language.
OUTCOME_DOCUMENT = {
    "de": {"label": "Folien und Protokoll",
           "pages": [("Offenes Datenportal Ulm: Betrieb", [
               "Die Stadtwerke betreiben das Portal, die Stadt steuert die Datenstrategie.",
               "Betriebskosten, Rollen und Lizenzen im Überblick."]),
               ("Protokoll", [OUTCOME_RESULTS["de"]])]},
    "en": {"label": "Slides and minutes",
           "pages": [("Ulm's open data portal in operation", [
               "The municipal utility runs the portal; the city steers the data strategy.",
               "Running costs, roles and licences at a glance."]),
               ("Minutes", [OUTCOME_RESULTS["en"]])]},
}
OFFICE = "Koordinierungs- und Transferstelle Modellprojekte Smart Cities"


def load_outcomes(event: EventPage, english: Locale, log: Log) -> None:
    """The event's outcomes in each language, linking to the pages in that language; an
    event whose outcomes an editor has written already is left alone."""
    chosen = [model.objects.filter(locale_id=event.locale_id, slug=slug).first()
              for model, slug in OUTCOME_PAGES]
    for language, page in (("de", event), ("en", event.get_translation_or_none(english))):
        if page is None or page.outcomes.raw_data:
            continue
        page = page.specific
        linked = [target.get_translation_or_none(page.locale) or target
                  for target in chosen if target is not None]
        document = OUTCOME_DOCUMENT[language]
        page.outcomes = [("results", RichText(f"<p>{OUTCOME_RESULTS[language]}</p>")),
                         ("document", {"document": _document(page.title, language),
                                       "label": document["label"]}),
                         *(("repository_link", {"page": target, "label": ""})
                           for target in linked)]
        publish_page(page)
        log(f"outcomes of “{page.title}” ({language})")


def _document(title: str, language: str) -> Any:
    """The conference's slides and minutes in one language, a short PDF stored once (by
    title)."""
    model = get_document_model()
    spec = OUTCOME_DOCUMENT[language]
    name = f"{spec['label']}: {title}"
    existing = model.objects.filter(title=name).first()
    if existing is not None:
        return existing
    pdf = write_pdf(None, [TextPage(heading, paragraphs) for heading, paragraphs in spec["pages"]],
                    title=name, author=OFFICE, language=language)
    document = model(title=name)
    document.file.save(f"{OUTCOMES_OF}-{language}.pdf", ContentFile(pdf), save=False)
    # Size and hash as Wagtail's upload form sets them (see repository.demo_documents).
    document._set_document_file_metadata()
    document.save()
    return document
