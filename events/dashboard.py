"""Start Smart's panels on the admin dashboard: new expressions of interest, and the
events of the next two weeks with their free places and waiting lists (home.dashboard
draws them)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.permission_policies.pages import PagePermissionPolicy

from events.interest.admin import can_triage
from events.interest.models import ExpressionOfInterest, InterestStatus
from events.models import EventIndexPage, EventPage
from events.registrations.models import RegistrationStatus
from home.dashboard import OLDEST_SHOWN, DashboardItem, DashboardPanel

UPCOMING_DAYS = 14


def new_interests() -> QuerySet[ExpressionOfInterest]:
    return ExpressionOfInterest.objects.filter(status=InterestStatus.NEW).order_by(
        "created_at", "pk")


def new_interest_count(user: Any) -> int:
    """The dashboard panel's count, and the menu badge's."""
    return new_interests().count() if can_triage(user) else 0


def interest_panel(request: Any) -> DashboardPanel:
    listing = reverse("wagtailsnippets_events_expressionofinterest:list")
    interests = new_interests()
    items = [DashboardItem(
        interest.municipality_label or interest.contact_name,
        reverse("wagtailsnippets_events_expressionofinterest:edit", args=[interest.pk]),
        interest.get_kind_display(), interest.created_at)
        for interest in interests.select_related("municipality")[:OLDEST_SHOWN]]
    return DashboardPanel(
        name="new-interests", heading=_("New expressions of interest"),
        count=interests.count(), items=items, link_url=f"{listing}?status=new",
        link_label=_("Triage the requests"), order=130, icon="mail")


def editable_pages(user: Any) -> QuerySet:
    return PagePermissionPolicy().instances_user_has_any_permission_for(user, ["change"])


def may_run_events(user: Any) -> bool:
    """Whoever may edit a calendar's events (and so their registrations)."""
    return EventIndexPage.objects.filter(pk__in=editable_pages(user).values("pk")).exists()


def upcoming_events(user: Any) -> QuerySet[EventPage]:
    """The next two weeks' events the user may edit, each once (its original: the
    registrations belong to it), with its confirmed and waiting registrations."""
    now = timezone.now()
    earlier_version = EventPage.objects.filter(translation_key=OuterRef("translation_key"),
                                               pk__lt=OuterRef("pk"))
    return (EventPage.objects.live()
            .filter(start__gte=now, start__lt=now + timedelta(days=UPCOMING_DAYS),
                    pk__in=editable_pages(user).values("pk"))
            .exclude(Exists(earlier_version))
            .annotate(confirmed=Count("registrations", filter=Q(
                          registrations__status=RegistrationStatus.CONFIRMED)),
                      waiting=Count("registrations", filter=Q(
                          registrations__status=RegistrationStatus.WAITLISTED)))
            .order_by("start", "pk"))


def _fill(event: EventPage) -> str:
    if event.capacity is None:
        places = _("%(count)d registered, no limit") % {"count": event.confirmed}
    else:
        places = _("%(count)d places left") % {"count": max(event.capacity - event.confirmed, 0)}
    return _("%(places)s · %(waiting)d on the waiting list") % {
        "places": places, "waiting": event.waiting}


def events_panel(request: Any) -> DashboardPanel:
    events = upcoming_events(request.user)
    items = [DashboardItem(event.title, reverse("events_admin:registrations", args=[event.pk]),
                           _fill(event), event.start)
             for event in events[:OLDEST_SHOWN]]
    calendar = EventIndexPage.objects.order_by("pk").values_list("pk", flat=True).first()
    link = (reverse("wagtailadmin_explore", args=[calendar]) if calendar
            else reverse("wagtailadmin_explore_root"))
    return DashboardPanel(
        name="upcoming-events", heading=_("Events in the next 14 days"),
        count=events.count(), items=items, link_url=link,
        link_label=_("Open the calendar"), order=150, icon="date")


def add_panels(request: Any, panels: list) -> None:
    """``construct_homepage_panels``: only the panels the signed-in editor can act on."""
    if can_triage(request.user):
        panels.append(interest_panel(request))
    if may_run_events(request.user):
        panels.append(events_panel(request))
