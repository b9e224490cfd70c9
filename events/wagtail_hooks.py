"""The Start Smart programme in the admin.

Everything the office runs sits in one "Start Smart" menu; a feature adds its entry
with ``@hooks.register("register_start_smart_menu_item")`` (a function returning a
``MenuItem``), or, for a viewset, by setting ``menu_hook = "register_start_smart_menu_item"``
and ``add_to_admin_menu = False``."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, SubmenuMenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.models import register_snippet

from community.account import HOOK_NAME as ACCOUNT_SECTION_HOOK
from community.account import AccountSection
from events import account, explorer, home_slots, matchmaking, outcomes
from events import dashboard as events_dashboard
from events.interest import admin as interest_admin
from events.interest import overview as interest_overview
from events.models import EventPage, EventSeriesPage
from events.newsletter import admin as newsletter_admin
from events.registrations import admin as registrations_admin
from events.registrations import report as registrations_report
from events.selfassessment import admin as self_assessment_admin
from home.dashboard import SubmenuWithOpenCount, with_open_count
from repository.discussed_at import HOOK_NAME as DISCUSSED_AT_HOOK

START_SMART_MENU_HOOK = "register_start_smart_menu_item"


@hooks.register("register_admin_menu_item")
def start_smart_menu() -> SubmenuMenuItem:
    # The parent shows the sum of its items' open counts (new expressions of interest).
    return SubmenuWithOpenCount(_("Start Smart"), Menu(register_hook_name=START_SMART_MENU_HOOK),
                           icon_name="date", name="start-smart", order=240)


@hooks.register("register_admin_viewset")
def event_explorer() -> explorer.EventPageViewSet:
    return explorer.EventPageViewSet("event_pages")


@hooks.register("register_admin_urls")
def event_admin_urls() -> list:
    urls = [
        path("<int:page_id>/registrations/", registrations_admin.registrations,
             name="registrations"),
        path("<int:page_id>/registrations/export.<str:file_format>",
             registrations_admin.export_registrations, name="export"),
        path("<int:page_id>/registrations/message/",
             registrations_admin.MessageParticipantsView.as_view(), name="message"),
    ]
    return [path("events/", include((urls, "events_admin"), namespace="events_admin"))]


def _registrations_button(page: Any, user: Any, priority: int) -> Button | None:
    if not isinstance(page.specific_deferred, EventPage | EventSeriesPage):
        return None
    if not page.permissions_for_user(user).can_edit():
        return None
    return Button(_("Registrations"), reverse("events_admin:registrations", args=[page.pk]),
                  icon_name="group", priority=priority)


@hooks.register("register_page_header_buttons")
def registrations_in_page_header(page: Any, user: Any, view_name: str = "",
                                 next_url: str | None = None) -> Any:
    button = _registrations_button(page, user, 30)
    if button:
        yield button


@hooks.register("register_page_listing_more_buttons")
def registrations_in_page_listing(page: Any, user: Any, next_url: str | None = None) -> Any:
    button = _registrations_button(page, user, 30)
    if button:
        yield button


@hooks.register("register_featured_slot")
def next_events_slot():
    return "next_events", _("Next events"), home_slots.next_events


hooks.register(START_SMART_MENU_HOOK, registrations_report.report_menu_item)
hooks.register("register_admin_urls", registrations_report.admin_urls)


# -- expressions of interest (events.interest.admin) -------------------------------------

# The menu item carries the number of new requests, as the dashboard panel counts them.
_interest_viewset = interest_admin.ExpressionOfInterestViewSet(menu_hook=START_SMART_MENU_HOOK)
_interest_viewset.menu_item_class = with_open_count(_interest_viewset.menu_item_class,
                                                    events_dashboard.new_interest_count)
register_snippet(_interest_viewset)
hooks.register(START_SMART_MENU_HOOK, interest_overview.overview_menu_item)
hooks.register("register_admin_urls", interest_overview.admin_urls)
hooks.register(START_SMART_MENU_HOOK, matchmaking.menu_item)
hooks.register("register_admin_urls", matchmaking.admin_urls)
hooks.register("register_log_actions", interest_admin.register_log_actions)


# -- newsletter subscriptions (events.newsletter.admin) ----------------------------------

register_snippet(newsletter_admin.NewsletterSubscriptionViewSet(menu_hook=START_SMART_MENU_HOOK))


# -- the maturity path and the self-assessments' counts (events.selfassessment.admin) -----

register_snippet(self_assessment_admin.MaturityStageViewSet(menu_hook=START_SMART_MENU_HOOK))
hooks.register(START_SMART_MENU_HOOK, self_assessment_admin.report_menu_item)
hooks.register("register_admin_urls", self_assessment_admin.admin_urls)


# --- sections of the member's account page (community.account) ---------------------------

@hooks.register(ACCOUNT_SECTION_HOOK)
def events_section() -> AccountSection:
    return AccountSection("events", _("Events"), "events/account/events.html", order=10,
                          context=account.events_context)


@hooks.register(ACCOUNT_SECTION_HOOK)
def interests_section() -> AccountSection:
    return AccountSection("interest", _("Expressions of interest"),
                          "events/account/interests.html", order=20,
                          context=account.interests_context)
hooks.register("construct_homepage_panels", events_dashboard.add_panels)


# --- "Discussed at …" on the repository's pages (repository.discussed_at) ----------------

hooks.register(DISCUSSED_AT_HOOK, outcomes.events_discussing)
