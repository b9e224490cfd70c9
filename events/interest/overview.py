"""The office's overview of expressions of interest: how many requests there are in each
state, per federal state and per topic (Start Smart menu; registered in
``events.wagtail_hooks``)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from community.models import FederalState
from events.interest.admin import can_triage, german_topics
from events.models import ExpressionOfInterest, InterestStatus
from home.charts import Chart, Row, Series, bar_chart
from repository.models.base import in_locale


def _count_table(rows: list[tuple[Any, str]], counts: dict[tuple[Any, str], int],
                 list_url: str, parameter: str) -> list[dict[str, Any]]:
    statuses = InterestStatus.values
    table = []
    for key, label in rows:
        cells = [{"count": counts.get((key, status), 0),
                  "url": f"{list_url}?{parameter}={key}&status={status}"}
                 for status in statuses]
        table.append({"label": label, "cells": cells,
                      "total": sum(cell["count"] for cell in cells),
                      "url": f"{list_url}?{parameter}={key}"})
    return table


def requests_by_state_chart(by_state: dict[tuple[str, str], int]) -> Chart:
    """The by-state counts as stacked bars, largest first; the table below the chart (and
    the overview's own table) keep every state, the bars only those with requests."""
    series = [Series(value, str(label)) for value, label in InterestStatus.choices]
    rows = [Row(str(label), tuple(by_state.get((state, one.key), 0) for one in series))
            for state, label in FederalState.choices]
    return bar_chart(
        "requests-by-state", gettext_lazy("Requests by federal state and status"),
        gettext_lazy("Expressions of interest from each federal state, split by how far "
                     "the office has got with them."),
        gettext_lazy("Federal state"),
        sorted((row for row in rows if row.total), key=lambda row: (-row.total, row.label)),
        series)


class InterestOverviewView(WagtailAdminTemplateMixin, TemplateView):
    """How many requests there are in each state, per federal state and per topic: where
    the programme is asked for, and where work is waiting."""

    template_name = "events/interest/admin/overview.html"
    page_title = gettext_lazy("Requests by federal state and topic")
    header_icon = "table"

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not can_triage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        list_url = reverse(ExpressionOfInterest.snippet_viewset.get_url_name("list"))
        # order_by() clears the model's ordering, which would split the groups.
        requests = ExpressionOfInterest.objects.order_by()
        by_state = {(state, status): count for state, status, count in requests.values_list(
            "federal_state", "status").annotate(count=Count("pk"))}
        by_topic = {(topic, status): count for topic, status, count in requests.filter(
            topics__isnull=False).values_list("topics", "status").annotate(
            count=Count("pk", distinct=True))}
        topics = list(german_topics().order_by("sort_order", "name"))
        language = translation.get_language()
        locale = Locale.objects.filter(language_code=language).first()
        names = in_locale(topics, locale.pk) if locale else topics
        totals = {status: 0 for status in InterestStatus.values}
        for (_state, status), count in by_state.items():
            totals[status] += count
        context.update(
            statuses=InterestStatus.choices,
            states=_count_table(list(FederalState.choices), by_state, list_url,
                                "federal_state"),
            topics=_count_table([(topic.pk, name.name) for topic, name in zip(topics, names,
                                                                           strict=True)],
                                by_topic, list_url, "topics"),
            totals=[totals[status] for status in InterestStatus.values],
            total=sum(totals.values()), list_url=list_url,
            chart=requests_by_state_chart(by_state))
        return context

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class TriageMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return can_triage(request.user)


def overview_menu_item() -> MenuItem:
    # Menu items are built once for every request that follows: a lazy label follows
    # each editor's language.
    return TriageMenuItem(gettext_lazy("Requests by state and topic"),
                          reverse("events_interest_overview"),
                          name="interest-overview", icon_name="table", order=110)


def admin_urls() -> list:
    return [path("start-smart/interest-overview/", InterestOverviewView.as_view(),
                 name="events_interest_overview")]
