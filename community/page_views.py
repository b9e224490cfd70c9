"""What the peer-group pages show beyond their fields (registered with
:mod:`home.page_views`; imported by ``CommunityConfig.ready()``)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from community import permissions
from community.discussions import threads_for
from community.models import Membership, MembershipState, PeerGroupIndexPage, PeerGroupPage
from home.page_views import page_view


@page_view(PeerGroupIndexPage)
def peer_group_index(page: PeerGroupIndexPage, request: HttpRequest) -> dict[str, Any]:
    """The groups the reader may see."""
    return {"groups": permissions.visible_groups(
        request.user, PeerGroupPage.objects.child_of(page).live().select_related("image")
        .prefetch_related("image__renditions"))}


@page_view(PeerGroupPage)
def peer_group(page: PeerGroupPage, request: HttpRequest) -> dict[str, Any]:
    """Membership state, what the reader may do, members and open requests: a fixed
    number of queries, whatever the size of the group."""
    group = page.canonical()
    user = request.user
    may_read = permissions.can_read(user, group)
    may_moderate = permissions.can_moderate(user, group)
    rows = (Membership.objects.filter(group=group, state__in=[
        MembershipState.ACTIVE, MembershipState.PENDING])
        .select_related("user__member_profile").order_by("-role", "created_at"))
    members, pending = [], []
    for row in rows if (may_read or may_moderate) else []:
        profile = getattr(row.user, "member_profile", None)
        entry = {"membership_id": row.pk, "role": row.role, "user_id": row.user_id,
                 "display_name": profile.display_name if profile else str(row.user)}
        (members if row.is_active else pending).append(entry)
    context: dict[str, Any] = {}
    if may_read:
        context["threads"] = threads_for(request, group)
    context.update(group=group, membership=permissions.membership(user, group),
                   may_join=permissions.can_join(user, group), may_read=may_read,
                   may_moderate=may_moderate, members=members, pending=pending)
    return context
