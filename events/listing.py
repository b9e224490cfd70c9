"""The event calendar's listing and its iCalendar feed, filtered alike.

The whole state lives in the URL (`?when=past&format=kickoff&mode=virtual&topic=…&
month=2026-12`): the page, the feed (`ical/` with the same query) and the API read
it the same way, so a filtered calendar can be shared or subscribed to. A value outside
the allowed ones answers 400 with the allowed values.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.paginator import Paginator
from django.db.models import CharField, QuerySet, Value
from django.db.models.functions import Cast, Concat, ExtractMonth, ExtractYear, LPad
from django.http import HttpRequest, HttpResponse, QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from events import ical
from events.models import EventFormat, EventMode, EventPage
from home import page_clock
from repository.facets import (
    Facet,
    InvalidFilter,
    facet_options,
    facet_states,
    filter_queryset,
    selected_values,
)
from repository.models.taxonomy import TOPIC_FACET

WHEN = {"upcoming": _("Upcoming"), "past": _("Past")}
FEED_LIMIT = 500
FEED_KEEPS_PAST = timedelta(days=180)


def with_month(queryset: QuerySet[EventPage]) -> QuerySet[EventPage]:
    """Annotate each event with its month in Berlin time, as "YYYY-MM"."""
    return queryset.annotate(month=Concat(
        Cast(ExtractYear("start"), CharField()), Value("-"),
        LPad(Cast(ExtractMonth("start"), CharField()), 2, Value("0")),
        output_field=CharField(),
    ))


def month_label(value: str) -> str:
    year, month = (int(part) for part in value.split("-"))
    return date_format(date(year, month, 1), "YEAR_MONTH_FORMAT")


class EventFilters:
    """Reads and checks the filters of a query string against a base of events."""

    def __init__(self, base: QuerySet[EventPage], params: QueryDict, locale_id: int, *,
                 feed: bool = False):
        self.errors: dict[str, list[str]] = {}
        self.when = params.get("when") or ("" if feed else "upcoming")
        if self.when and self.when not in WHEN:
            self.errors["when"] = list(WHEN)
            self.when = "upcoming"
        now = timezone.now()
        # Events pass from upcoming to past as they end (not worth a query to find when).
        page_clock.changes_with_clock()
        if not self.when:
            # A subscribed calendar keeps recent events instead of losing them the
            # moment they end.
            base = base.filter(end__gt=now - FEED_KEEPS_PAST).order_by("start", "pk")
        elif self.when == "upcoming":
            base = base.filter(end__gt=now).order_by("start", "pk")
        else:
            base = base.filter(end__lte=now).order_by("-start", "pk")
        self.base = with_month(base)
        months = sorted(set(self.base.order_by().values_list("month", flat=True)),
                        reverse=self.when == "past")
        self.facets = [
            Facet("format", _("Format"), "format", choices=EventFormat.choices),
            Facet("mode", _("Mode"), "mode", choices=EventMode.choices),
            TOPIC_FACET,
            Facet("month", _("Month"), "month",
                  choices=[(month, month_label(month)) for month in months]),
        ]
        self.options = facet_options(self.facets, locale_id)
        try:
            self.chosen = selected_values(self.facets, params, self.options)
        except InvalidFilter as invalid:
            self.errors.update(invalid.problems)
            self.chosen = {facet.param: [] for facet in self.facets}
        self.results = filter_queryset(self.facets, self.base, self.chosen)

    def error_list(self) -> list[dict[str, Any]]:
        labels = {facet.param: facet.label for facet in self.facets}
        labels["when"] = _("Time")
        return [{"param": param, "label": labels.get(param, param),
                 "allowed": ", ".join(allowed)} for param, allowed in self.errors.items()]


class EventListing:
    per_page = 12

    def __init__(self, page: Any, request: HttpRequest, *, feed: bool = False):
        self.page = page
        self.request = request
        self.filters = EventFilters(page.events(), request.GET, page.locale_id, feed=feed)

    def context(self) -> dict[str, Any]:
        filters = self.filters
        paginated = Paginator(filters.results, self.per_page).get_page(
            self.request.GET.get("page"))
        others = self.request.GET.copy()
        others.pop("page", None)
        feed_query = others.copy()
        feed_query.pop("when", None)
        return {
            "items": paginated.object_list,
            "page_obj": paginated,
            "when": filters.when,
            "when_options": list(WHEN.items()),
            "facets": facet_states(filters.facets, filters.base, filters.chosen,
                                   filters.options),
            "active_filters": any(filters.chosen.values()),
            "query_without_page": others.urlencode(),
            "feed_query": feed_query.urlencode(),
            "filter_errors": filters.error_list(),
        }


def feed_response(listing: EventListing, request: HttpRequest) -> HttpResponse:
    """The filtered calendar as a feed. Without `when` it holds the upcoming events and
    those of the last 180 days, so that subscribed calendars keep recent entries."""
    filters = listing.filters
    if filters.errors:
        problems = "; ".join(f"{error['param']}: {error['allowed']}"
                             for error in filters.error_list())
        return HttpResponse(str(_("Unknown filter values. Allowed: %(problems)s"))
                            % {"problems": problems}, status=400,
                            content_type="text/plain; charset=utf-8")
    events = list(filters.results[:FEED_LIMIT])
    body = ical.calendar(events, name=listing.page.title,
                         language=listing.page.locale.language_code,
                         request=request)
    response = HttpResponse(body, content_type=ical.CONTENT_TYPE)
    response["Content-Disposition"] = 'inline; filename="calendar.ics"'
    response["Cache-Control"] = "public, max-age=900"
    return response
