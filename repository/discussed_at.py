"""Where a repository page was discussed: events (or anything else a plugin holds) that
name the page among their outcomes. Shown on solution and publication pages ("Discussed
at …") and in their API as ``discussed_at``.

The repository names no such plugin. A plugin answers by registering a Wagtail hook::

    @hooks.register(HOOK_NAME)
    def events_discussing(pages):
        return {page.pk: [Occasion(...), ...] for ...}

given every page of a listing at once (so a listing costs the same however long), and
returning only occasions the public may see, in each page's language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from wagtail import hooks
from wagtail.models import Page

from home import site_urls
from home.content_cache import remember

HOOK_NAME = "repository_discussed_at"


@dataclass(frozen=True)
class Occasion:
    """An event (or the like) at which a page was discussed."""

    id: int
    title: str
    start: datetime  # in the zone the office announces it in
    url: str  # as Page.get_url() gives it: a path on a site of one host

    def api_representation(self, request: Any = None) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "start": self.start.isoformat(),
                "url": site_urls.absolute_url(self.url, request) if self.url else None}


def discussed_at(pages: Sequence[Page]) -> dict[int, list[Occasion]]:
    """The occasions of each page, the latest first."""
    found: dict[int, list[Occasion]] = {page.pk: [] for page in pages}
    if not pages:
        return found
    for answer in hooks.get_hooks(HOOK_NAME):
        for pk, occasions in answer(pages).items():
            found.setdefault(pk, []).extend(occasions)
    for occasions in found.values():
        occasions.sort(key=lambda occasion: occasion.start, reverse=True)
    return found


def remembered(pages: Sequence[Page]) -> dict[int, list[Occasion]]:
    """:func:`discussed_at`, the same for every reader: read once per change of content
    (home.content_cache), as publishing, unpublishing or restricting an event is one."""
    return remember(("discussed-at", tuple(sorted(page.pk for page in pages))),
                    lambda: discussed_at(pages))
