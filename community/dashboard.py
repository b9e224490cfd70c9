"""The community's panels on the admin dashboard: reported posts and membership
requests, each for the editors who may decide them (home.dashboard draws them)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from community import memberships, moderation
from community.discussions import author_name
from home.dashboard import OLDEST_SHOWN, DashboardItem, DashboardPanel


def reports_panel(request: Any) -> DashboardPanel:
    queue = reverse("community_moderation:queue")
    posts = moderation.reported_posts().select_related("thread", "author__member_profile")
    items = [DashboardItem(post.thread.title, f"{queue}#post-{post.pk}",
                           _("%(author)s · %(count)d reports") % {
                               "author": author_name(post.author), "count": post.open_reports},
                           post.first_reported)
             for post in posts[:OLDEST_SHOWN]]
    return DashboardPanel(
        name="open-reports", heading=_("Reported posts"), count=posts.count(), items=items,
        link_url=queue, link_label=_("Open the moderation queue"), order=110, icon="warning")


def membership_requests_panel(request: Any) -> DashboardPanel:
    listing = reverse("community_membership_requests:list")
    pending = memberships.pending_requests()
    oldest = pending.select_related("group", "user__member_profile__municipality")
    items = []
    for membership in oldest[:OLDEST_SHOWN]:
        profile = getattr(membership.user, "member_profile", None)
        place = profile.affiliation if profile else ""
        items.append(DashboardItem(
            author_name(membership.user) + (f" ({place})" if place else ""),
            f"{listing}#request-{membership.pk}", membership.group.title,
            membership.created_at))
    return DashboardPanel(
        name="membership-requests", heading=_("Membership requests"), count=pending.count(),
        items=items, link_url=listing, link_label=_("Decide the requests"), order=120,
        icon="group")


def add_panels(request: Any, panels: list) -> None:
    """``construct_homepage_panels``: only the panels the signed-in editor can act on."""
    if moderation.may_moderate_reports(request.user):
        panels.append(reports_panel(request))
    if memberships.may_decide_requests(request.user):
        panels.append(membership_requests_panel(request))

