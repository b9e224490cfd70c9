"""An event's outcomes: documents, results and links into the knowledge repository, and
the way back from the repository's pages ("Discussed at …").

Editors write the outcomes in the event's ``outcomes`` StreamField. Every save of the
event's own row writes its links to :class:`EventOutcomeLink` too (a publication saves the
row; saving a draft only keeps a revision and leaves row and links as published), so a
solution finds its events in one query. Both directions show only what the public may
see: live pages without a view restriction, in the reader's language where translated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from wagtail.api.rich_text import APIRichText
from wagtail.documents import get_document_model
from wagtail.documents.models import AbstractDocument
from wagtail.models import Page

from events.blocks import DOCUMENT, REPOSITORY_LINK, RESULTS
from events.ical import BERLIN
from events.models import EventOutcomeLink, EventPage
from home import site_urls
from home.cached_restrictions import restricted_sections
from repository.discussed_at import Occasion
from repository.search_sources import html_text


def raw_outcomes(event: EventPage) -> list[dict[str, Any]]:
    """The outcomes as the stream stores them (ids, not objects: reading them costs no
    query)."""
    return list(event.outcomes.raw_data)


def linked_page_ids(event: EventPage) -> set[int]:
    """The ids of the pages the event's outcomes link to."""
    return {item["value"].get("page") for item in raw_outcomes(event)
            if item["type"] == REPOSITORY_LINK and item["value"].get("page")}


def record_links(event: EventPage) -> None:
    """Makes the event's rows of :class:`EventOutcomeLink` those of its outcomes."""
    wanted = set(Page.objects.filter(pk__in=linked_page_ids(event)).values_list("pk", flat=True))
    with transaction.atomic():
        kept = set(EventOutcomeLink.objects.filter(event=event).values_list("page_id", flat=True))
        if kept - wanted:
            EventOutcomeLink.objects.filter(event=event, page_id__in=kept - wanted).delete()
        EventOutcomeLink.objects.bulk_create(
            [EventOutcomeLink(event=event, page_id=pk) for pk in sorted(wanted - kept)],
            ignore_conflicts=True)


# -- the event's side ---------------------------------------------------------------------

@dataclass(frozen=True)
class Outcome:
    """One outcome as the event page and the API show it: a document, results (rich
    text), or a link resolved to the page the reader may see."""

    kind: str
    label: str = ""
    document: AbstractDocument | None = None
    text: str = ""
    page: Page | None = None


def _is_public(page: Page) -> bool:
    """Live and under no view restriction (the restricted sections are cached)."""
    return page.live and not any(page.path.startswith(path) and page.depth >= depth
                                 for path, depth in restricted_sections().roots)


def _visible_pages(chosen: set[tuple[int, int]]) -> dict[tuple[int, int], Page]:
    """For every (language, chosen page id): the chosen page in that language where it is
    translated, else the chosen page itself; left out when the public may not see it (a
    draft, unpublished, restricted). One query, however many."""
    if not chosen:
        return {}
    ids = {pk for _locale, pk in chosen}
    found = list(Page.objects.filter(
        Q(pk__in=ids)
        | Q(translation_key__in=Page.objects.filter(pk__in=ids).values("translation_key"),
            locale_id__in={locale for locale, _pk in chosen})).specific(defer=True))
    by_pk = {page.pk: page for page in found}
    translated = {(page.translation_key, page.locale_id): page for page in found
                  if _is_public(page)}
    shown = {}
    for locale_id, pk in chosen:
        if pk not in by_pk:
            continue  # deleted since
        original = by_pk[pk]
        visible = translated.get((original.translation_key, locale_id)) or (
            original if _is_public(original) else None)
        if visible is not None:
            shown[(locale_id, pk)] = visible
    return shown


def outcomes_of(events: Sequence[EventPage]) -> dict[int, list[Outcome]]:
    """Each event's outcomes in the editor's order; links the public may not see, and
    documents deleted since, left out. At most two queries for any number of events: the
    pages and the documents."""
    raw = {event.pk: raw_outcomes(event) for event in events}
    chosen = {(event.locale_id, item["value"].get("page")) for event in events
              for item in raw[event.pk]
              if item["type"] == REPOSITORY_LINK and item["value"].get("page")}
    pages = _visible_pages(chosen)
    document_ids = {item["value"].get("document") for items in raw.values() for item in items
                    if item["type"] == DOCUMENT and item["value"].get("document")}
    documents = ({document.pk: document for document in
                  get_document_model().objects.filter(pk__in=document_ids)}
                 if document_ids else {})
    found: dict[int, list[Outcome]] = {}
    for event in events:
        items = found.setdefault(event.pk, [])
        for item in raw[event.pk]:
            value = item["value"]
            if item["type"] == REPOSITORY_LINK:
                page = pages.get((event.locale_id, value.get("page")))
                if page is not None:
                    items.append(Outcome(REPOSITORY_LINK, value.get("label") or page.title,
                                         page=page))
            elif item["type"] == DOCUMENT:
                document = documents.get(value.get("document"))
                if document is not None:
                    items.append(Outcome(DOCUMENT, value.get("label") or document.title,
                                         document=document))
            elif item["type"] == RESULTS and value:
                items.append(Outcome(RESULTS, text=value))
    return found


def api_representation(outcome: Outcome, rich_text_format: str, request: Any = None
                       ) -> dict[str, Any]:
    """An outcome in the events API: a linked page's id, title, type and address; a
    document's; results as the API's other rich text."""
    if outcome.page is not None:
        value: Any = {"id": outcome.page.pk, "title": outcome.page.title,
                      "type": outcome.page.specific_class._meta.label,
                      "label": outcome.label, "url": site_urls.page_url(outcome.page, request)}
    elif outcome.document is not None:
        document = outcome.document
        value = {"id": document.pk, "title": document.title, "label": outcome.label,
                 "url": site_urls.absolute_url(document.url, request),
                 "file_extension": document.file_extension}
    else:
        value = APIRichText.serialize(outcome.text, format=rich_text_format)
    return {"type": outcome.kind, "value": value}


def outcome_text(outcomes: Any) -> list[str]:
    """What the outcomes (an event's ``outcomes`` stream, as values() reads it) say in
    words, for the search index: the results and the texts of links and documents (a
    linked page's own title belongs to its own document). Read from the raw data, so no
    linked page or document is fetched."""
    parts = []
    for item in (outcomes.raw_data if outcomes else []):
        if item["type"] == RESULTS:
            parts.append(html_text(item["value"] or ""))
        elif item["type"] in (DOCUMENT, REPOSITORY_LINK):
            parts.append(item["value"].get("label") or "")
    return [part for part in parts if part]


# -- the repository's side ---------------------------------------------------------------

def events_discussing(pages: Sequence[Page]) -> dict[int, list[Occasion]]:
    """The repository's hook (repository.discussed_at): for each page, the live, public
    events in the page's language whose outcomes link to the page or one of its
    translations. One query for all pages."""
    wanted = {(page.translation_key, page.locale_id): page.pk for page in pages}
    found: dict[int, list[Occasion]] = {}
    if not wanted:
        return found
    events = (EventPage.objects.live().public()
              .filter(locale_id__in={locale for _key, locale in wanted},
                      outcome_links__page__translation_key__in={key for key, _l in wanted})
              .annotate(linked_key=F("outcome_links__page__translation_key"))
              .select_related("locale").order_by("-start", "pk"))
    for event in events:
        pk = wanted.get((event.linked_key, event.locale_id))
        if pk is None:
            continue
        occasions = found.setdefault(pk, [])
        if all(occasion.id != event.pk for occasion in occasions):
            occasions.append(Occasion(id=event.pk, title=event.title,
                                      start=timezone.localtime(event.start, BERLIN),
                                      url=event.get_url() or ""))
    return found
