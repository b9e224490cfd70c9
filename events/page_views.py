"""What the event pages show beyond their fields, and the calendar's sub-pages
(registered with :mod:`home.page_views`; imported by ``EventsConfig.ready()``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from events.blocks import DOCUMENT, REPOSITORY_LINK, RESULTS
from events.listing import EventListing, feed_response
from events.models import EventIndexPage, EventPage, EventSeriesPage
from events.outcomes import outcomes_of
from events.registrations.pages import event_context, series_context
from home.page_views import page_view


@page_view(EventIndexPage, "listing")
def calendar(page: EventIndexPage, request: HttpRequest) -> HttpResponse:
    """Upcoming and past events with the filters in the URL; unknown values answer 400."""
    context = EventListing(page, request).context()
    response = page.render(request, context_overrides=context,
                           template="events/event_index_page.html")
    if context["filter_errors"]:
        response.status_code = 400
    return response


@page_view(EventIndexPage, "feed")
def calendar_feed(page: EventIndexPage, request: HttpRequest) -> HttpResponse:
    return feed_response(EventListing(page, request, feed=True), request)


@page_view(EventSeriesPage)
def series(page: EventSeriesPage, request: HttpRequest) -> dict[str, Any]:
    return series_context(page, request)


@page_view(EventPage)
def event(page: EventPage, request: HttpRequest) -> dict[str, Any]:
    found = outcomes_of([page])[page.pk]
    # Grouped under their own headings; each group in the editor's order.
    outcomes = {kind: [outcome for outcome in found if outcome.kind == kind]
                for kind in (RESULTS, DOCUMENT, REPOSITORY_LINK)}
    return {**event_context(page, request), "outcomes": outcomes if found else None}
