"""Registrations and waiting lists of the coming events in one chart (Start Smart menu;
registered in ``events.wagtail_hooks``): where places run out, and where an event needs
more advertising, before anyone opens each event's registrations.

An editor sees the events they may edit, the ones whose registrations they may run.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q
from django.http import HttpRequest
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from events.models import EventPage, RegistrationStatus
from home.charts import Chart, Row, Series, bar_chart

# Enough bars to plan the coming weeks; a longer chart would no longer be read at a glance.
REPORT_EVENTS = 20


def editable_events(user: Any) -> Any:
    """The coming events (their registrations' language version) the user may edit."""
    editable = PagePermissionPolicy().instances_user_has_permission_for(user, "change")
    return (EventPage.objects.filter(locale=Locale.get_default(), end__gt=timezone.now(),
                                     is_cancelled=False, pk__in=editable.values("pk"))
            .order_by("start", "pk"))


def registrations_chart(events: Any) -> Chart:
    """Confirmed places and the waiting list per event: one grouped query."""
    counted = events.annotate(
        confirmed=Count("registrations", filter=Q(
            registrations__status=RegistrationStatus.CONFIRMED)),
        waiting=Count("registrations", filter=Q(
            registrations__status=RegistrationStatus.WAITLISTED)),
    ).values_list("pk", "title", "start", "capacity", "confirmed", "waiting")[:REPORT_EVENTS]
    rows = []
    for pk, title, start, capacity, confirmed, waiting in counted:
        day = date_format(timezone.localtime(start), "SHORT_DATE_FORMAT")
        places = (gettext_lazy("no limit") if capacity is None
                  else gettext_lazy("%(places)s places") % {"places": capacity})
        rows.append(Row(f"{day} {title} ({places})", (confirmed, waiting),
                        reverse("events_admin:registrations", args=[pk])))
    return bar_chart(
        "registrations-by-event", gettext_lazy("Registrations and waiting list per event"),
        gettext_lazy("Confirmed places and people on the waiting list for each coming "
                     "event, soonest first."),
        gettext_lazy("Event"), rows,
        [Series(RegistrationStatus.CONFIRMED, str(RegistrationStatus.CONFIRMED.label)),
         Series(RegistrationStatus.WAITLISTED, str(gettext_lazy("Waiting list")))])


class RegistrationsReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "events/admin/registrations_report.html"
    page_title = gettext_lazy("Registrations by event")
    header_icon = "group"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["chart"] = registrations_chart(editable_events(self.request.user))
        return context

    def get_breadcrumbs_items(self) -> list[dict[str, Any]]:
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]


class EventEditorMenuItem(MenuItem):
    def is_shown(self, request: HttpRequest) -> bool:
        return PagePermissionPolicy().user_has_permission(request.user, "change")


def report_menu_item() -> MenuItem:
    return EventEditorMenuItem(gettext_lazy("Registrations by event"),
                               reverse("events_registrations_report"),
                               name="registrations-report", icon_name="group", order=105)


def admin_urls() -> list:
    return [path("start-smart/registrations/", RegistrationsReportView.as_view(),
                 name="events_registrations_report")]
