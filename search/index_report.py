"""Why the index report's columns differ: for each content type, the published objects
without a search document, the documents without a published object, the untranslated
aliases, and the documents the engine has yet to receive, each with a count, a reason in
the operator's words and a few examples.

"Event 26 published, 25 documents" then reads "1 behind a password: nobody can find it
in search" instead of leaving the operator to guess whether the index is broken.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, F, Q
from django.urls import reverse
from django.utils.translation import ngettext_lazy
from wagtail.models import Page

from search.client import search_engine_configured
from search.models import SearchDocument
from search.sources import RegisteredSource, page_principals, page_restrictions

EXAMPLES_SHOWN = 3

# The reasons, counted: each takes its number from "count" (ngettext_lazy's third
# argument), so one `_counted()` builds every line of the report.
WAITING = ngettext_lazy(
    "%(count)d waits to be built by the index sync (it runs after each change).",
    "%(count)d wait to be built by the index sync (it runs after each change).", "count")
BEHIND_PASSWORD = ngettext_lazy(
    "%(count)d is behind a password: nobody can find it in search.",
    "%(count)d are behind a password: nobody can find them in search.", "count")
NO_ADDRESS = ngettext_lazy(
    "%(count)d has no address on the site (not below a site's home page).",
    "%(count)d have no address on the site (not below a site's home page).", "count")
FOR_NOBODY = ngettext_lazy(
    "%(count)d may be seen by nobody who searches, so it has no document.",
    "%(count)d may be seen by nobody who searches, so they have no document.", "count")
GONE = ngettext_lazy(
    "%(count)d document belongs to something no longer published; the next sync "
    "removes it.",
    "%(count)d documents belong to things no longer published; the next sync "
    "removes them.", "count")
UNTRANSLATED_ALIASES = ngettext_lazy(
    "%(count)d is an alias of a page not yet translated: it is published and "
    "found with the original's text until someone translates it.",
    "%(count)d are aliases of pages not yet translated: they are published and "
    "found with the original's text until someone translates them.", "count")
ON_THEIR_WAY = ngettext_lazy(
    "%(count)d document is on its way to the engine.",
    "%(count)d documents are on their way to the engine.", "count")
RETRIED = ngettext_lazy(
    "%(count)d document failed to reach the engine and will be retried.",
    "%(count)d documents failed to reach the engine and will be retried.", "count")


@dataclass
class Difference:
    """One reason why the columns of a content type differ, with how many it concerns."""

    reason: str
    count: int
    examples: list[tuple[str, str]] = field(default_factory=list)


def _examples(objects: list[Any], is_page: bool) -> list[tuple[str, str]]:
    shown = []
    for obj in objects[:EXAMPLES_SHOWN]:
        url = reverse("wagtailadmin_pages:edit", args=[obj.pk]) if is_page else ""
        shown.append((str(obj), url))
    return shown


def _counted(reason: Any, count: int,
             examples: list[tuple[str, str]] | None = None) -> Difference:
    return Difference(reason % {"count": count}, count, examples or [])


def _without_document(source: RegisteredSource, objects: list[Any],
                      rows: dict[str, tuple[bool, bool]],
                      restrictions: list[Any]) -> list[Difference]:
    """Why published objects have no findable document: the source builds none for them
    (a password, no address, nobody may see them), or the sync has not built it yet."""
    behind_password, no_address, waiting, for_nobody = [], [], [], []
    for obj in objects:
        key = source.key(obj)
        if source.is_page and not page_principals(obj, restrictions):
            behind_password.append(obj)
        elif source.is_page and not obj.get_url():
            no_address.append(obj)
        elif key not in rows or rows[key][0]:
            waiting.append(obj)
        else:
            for_nobody.append(obj)
    return [_counted(reason, len(objects), _examples(objects, source.is_page))
            for reason, objects in ((WAITING, waiting), (BEHIND_PASSWORD, behind_password),
                                    (NO_ADDRESS, no_address), (FOR_NOBODY, for_nobody))
            if objects]


def explain_source(source: RegisteredSource, restrictions: list[Any]) -> list[Difference]:
    """The differences between the published objects of one content type, its search
    documents and what the engine has received."""
    expected = {source.key_for_id(pk): pk
                for pk in source.queryset().values_list("pk", flat=True)}
    rows = {key: (stale, findable) for key, stale, findable in (
        SearchDocument.objects.filter(Q(source=source.name) | Q(key__in=expected))
        .annotate(findable=ExpressionWrapper(Q(removed=False) & ~Q(content_hash=""),
                                             output_field=BooleanField()))
        .values_list("key", "stale", "findable"))}
    # Everything published without a findable document; the objects say why.
    missing = [key for key in expected if not (key in rows and rows[key][1])]
    gone = [key for key, (_stale, findable) in rows.items()
            if key not in expected and findable]
    found = []
    if missing:
        objects = list(source.queryset().filter(pk__in=[expected[key] for key in missing])
                       .order_by("pk"))
        found.extend(_without_document(source, objects, rows, restrictions))
    if gone:
        found.append(_counted(GONE, len(gone)))
    if source.is_page:
        aliases = Page.objects.filter(pk__in=expected.values(), alias_of__isnull=False)
        count = aliases.count()
        if count:
            found.append(_counted(UNTRANSLATED_ALIASES, count, _examples(
                list(aliases.order_by("pk")[:EXAMPLES_SHOWN]), is_page=True)))
    if search_engine_configured():
        found.extend(_engine_differences(source))
    return found


def _engine_differences(source: RegisteredSource) -> list[Difference]:
    owed = (SearchDocument.objects.filter(source=source.name, removed=False, stale=False)
            .exclude(content_hash="").exclude(indexed_hash=F("content_hash")))
    counts: dict[bool, int] = defaultdict(int)
    for attempts in owed.values_list("attempts", flat=True):
        counts[attempts > 0] += 1
    return [_counted(reason, counts[failed])
            for reason, failed in ((ON_THEIR_WAY, False), (RETRIED, True)) if counts[failed]]


def explain_differences(sources: tuple[RegisteredSource, ...]) -> dict[str, list[Difference]]:
    """Every content type's differences, by source name."""
    restrictions = page_restrictions()
    return {source.name: explain_source(source, restrictions) for source in sources}
