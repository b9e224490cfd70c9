"""The next events on the home page (registered in ``wagtail_hooks``): date, place and
places left, each with its picture; a fixed number of queries whatever the number."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from events.api.querysets import availability_of
from events.models import EventPage
from home import page_clock
from home.images import picture


def _places(places: dict[str, Any]) -> str:
    left = places["places_left"]
    if left is None:
        return ""
    if left == 0:
        return _("fully booked: waiting list")
    return ngettext("%(left)s place left", "%(left)s places left", left) % {"left": left}


def next_events(request: HttpRequest | None, home_page: Any, limit: int) -> list[dict[str, Any]]:
    events = list(EventPage.objects.live().public()
                  .filter(locale_id=home_page.locale_id, start__gte=timezone.now(),
                          is_cancelled=False)
                  .select_related("image").prefetch_related("image__renditions")
                  .order_by("start", "pk")[:limit])
    if events:  # the first of them starts and leaves the list
        page_clock.changes_at(events[0].start)
    places = availability_of(events)
    items = []
    for event in events:
        start = timezone.localtime(event.start)
        where = event.place.split(",")[0] if event.place else event.get_mode_display()
        items.append({
            "title": event.title, "url": event.get_url(request),
            "kind": date_format(start, "DATETIME_FORMAT"),
            "meta": [part for part in (str(where), _places(places[event.pk])) if part],
            "picture": picture(event.image, event.image_alt_text, "card") if event.image else None,
        })
    return items
