"""Events in Wagtail's page explorer: the date and how full each event is, beside the title.

Exploring the event calendar or a series lists its children with Wagtail's columns
(title, updated, type, status), which say nothing about when an event is or whether it
has places left. A page viewset for events (Wagtail's supported way to give the children
of a page type their own listing, ``PageViewSet.parent_models``) adds a date column and a
places column. The counts come in the listing's one query, as annotations; they count
the original language version's registrations, which every translation shares.
"""

from __future__ import annotations

import copy
from typing import Any

from django.db.models import Count, F, IntegerField, Max, Min, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.models import Page

from events.models import (
    EventIndexPage,
    EventPage,
    EventSeriesPage,
    Registration,
    RegistrationStatus,
)


def _registrations_of(status: str) -> Any:
    counted = (Registration.objects.filter(event__translation_key=OuterRef("translation_key"),
                                           status=status)
               .order_by().values("event__translation_key"))
    return Coalesce(Subquery(counted.annotate(n=Count("pk")).values("n")[:1],
                             output_field=IntegerField()), 0)


def annotate_events(pages: Any) -> Any:
    """Each page with what its date and places columns show: for an event its start,
    places and confirmed and waiting registrations; for a series its first and last
    session, number of sessions and the people registered through it."""
    sessions = (EventPage.objects.filter(path__startswith=OuterRef("path"),
                                         depth=OuterRef("depth") + 1)
                .order_by().values("depth"))
    through_series = (Registration.objects
                      .filter(series__translation_key=OuterRef("translation_key"))
                      .exclude(status=RegistrationStatus.CANCELLED)
                      .order_by().values("series__translation_key"))
    return pages.annotate(
        event_start=Coalesce(
            Subquery(EventPage.objects.filter(pk=OuterRef("pk")).values("start")[:1]),
            Subquery(sessions.annotate(first=Min("start")).values("first")[:1])),
        series_end=Subquery(sessions.annotate(last=Max("start")).values("last")[:1]),
        session_count=Coalesce(Subquery(sessions.annotate(n=Count("pk")).values("n")[:1],
                                        output_field=IntegerField()), 0),
        places_taken=_registrations_of(RegistrationStatus.CONFIRMED),
        places_waiting=_registrations_of(RegistrationStatus.WAITLISTED),
        series_people=Coalesce(Subquery(
            through_series.annotate(n=Count("email", distinct=True)).values("n")[:1],
            output_field=IntegerField()), 0),
    )


def _when(moment: Any) -> str:
    return formats.date_format(timezone.localtime(moment), "SHORT_DATETIME_FORMAT")


def event_date(page: Page) -> str:
    """When an event starts, or a series' first to last session."""
    if isinstance(page, EventPage):
        return _when(page.start)
    if isinstance(page, EventSeriesPage) and getattr(page, "session_count", 0):
        first = formats.date_format(timezone.localtime(page.event_start), "SHORT_DATE_FORMAT")
        last = formats.date_format(timezone.localtime(page.series_end), "SHORT_DATE_FORMAT")
        return ngettext("%(first)s – %(last)s (%(count)d session)",
                        "%(first)s – %(last)s (%(count)d sessions)", page.session_count) % {
            "first": first, "last": last, "count": page.session_count}
    return "–"


def fill_level(page: Page) -> str:
    """Places taken of the capacity and the waiting list, or the series' people."""
    if isinstance(page, EventPage):
        if page.is_cancelled:
            return _("cancelled")
        taken = getattr(page, "places_taken", 0)
        if page.capacity is None:
            places = _("%(taken)s registered, no limit") % {"taken": taken}
        else:
            places = _("%(taken)s of %(capacity)s places taken") % {
                "taken": taken, "capacity": page.capacity}
        waiting = getattr(page, "places_waiting", 0)
        if waiting:
            places += " · " + _("%(count)d waiting") % {"count": waiting}
        return places
    if isinstance(page, EventSeriesPage):
        return _("%(count)d registered for the series") % {
            "count": getattr(page, "series_people", 0)}
    return "–"


# Below the calendar on a phone, a title squeezed into one letter's width per line beside
# seven columns was unreadable: when and how full matter there, when a page was last
# edited and its type (almost always "Event") can wait for a wider screen.
PHONE_HIDES = {"latest_revision_created_at", "type"}


def wide_screens_only(column: Column) -> Column:
    """A copy of one of Wagtail's columns that editors_admin.css hides on a phone."""
    column = copy.copy(column)
    column.classname = f"{column.classname or ''} event-explorer__wide-only".strip()
    # The header component holds the column it draws: the copy's header must hold the copy,
    # or the heading would keep showing above a hidden column.
    column.header = Column.Header(column)
    return column


class EventExplorerIndexView(ExplorableIndexView):
    """The explorer below the calendar and a series: every child page (series and events
    side by side under the calendar), with date and places."""

    base_columns = [
        *ExplorableIndexView.base_columns[:2],
        Column("event_start", label=gettext_lazy("Date"), accessor=event_date,
               sort_key="event_start", width="13%"),
        Column("places", label=gettext_lazy("Places"), accessor=fill_level, width="13%"),
        *(wide_screens_only(column) if column.name in PHONE_HIDES else column
          for column in ExplorableIndexView.base_columns[2:]),
    ]

    def annotate_queryset(self, pages: Any) -> Any:
        return super().annotate_queryset(annotate_events(pages))

    def order_queryset(self, queryset: Any) -> Any:
        # Undated pages (an FAQ page, say) last when ordering by date.
        if self.ordering == "event_start" and not self.is_searching:
            return queryset.order_by(F("event_start").asc(nulls_last=True), "path")
        if self.ordering == "-event_start" and not self.is_searching:
            return queryset.order_by(F("event_start").desc(nulls_last=True), "path")
        return super().order_queryset(queryset)


class EventPageViewSet(PageViewSet):
    """Events' admin views as Wagtail's, but the explorer below the calendar and below a
    series lists with :class:`EventExplorerIndexView`."""

    model = EventPage
    index_view_class = EventExplorerIndexView
    parent_models = [EventIndexPage, EventSeriesPage]

    def get_index_view_kwargs(self, **kwargs: Any) -> dict[str, Any]:
        # The calendar holds series and events: list pages of every type, not only events.
        return super().get_index_view_kwargs(model=Page, **kwargs)

