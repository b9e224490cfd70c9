"""Demo outcomes of a past Start Smart event: the results of the regional conference in
Ulm and the solution and publication it discussed (from the repository's demo), which
then name the event as "discussed at"; German and English."""

from __future__ import annotations

from collections.abc import Callable

from wagtail.models import Locale
from wagtail.rich_text import RichText

from community.demo import publish_page
from events.models import EventPage
from repository.models import PublicationPage, SolutionPage

Log = Callable[[str], None]

# What the past regional conference in Ulm produced: its results, and the solution and
# publication it discussed (repository demo), which name it in return.
OUTCOMES_OF = "regionalkonferenz-sued"
OUTCOME_PAGES = ((SolutionPage, "offenes-datenportal"),
                 (PublicationPage, "leitfaden-urbane-datenplattformen"))
OUTCOME_RESULTS = {
    "de": "Ulm hat gezeigt, wie das offene Datenportal im Regelbetrieb läuft. Vier Kommunen "
          "der Region wollen es übernehmen und stimmen sich bis zum Frühjahr ab; der "
          "Leitfaden zu urbanen Datenplattformen dient ihnen als Grundlage.",
    "en": "Ulm showed how its open data portal runs in day-to-day operation. Four "
          "municipalities of the region want to adopt it and will coordinate by the spring; "
          "the guideline on urban data platforms is their starting point.",
}


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
        page.outcomes = [("results", RichText(f"<p>{OUTCOME_RESULTS[language]}</p>")),
                         *(("repository_link", {"page": target, "label": ""})
                           for target in linked)]
        publish_page(page)
        log(f"outcomes of “{page.title}” ({language})")
