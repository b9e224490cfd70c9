"""Deciding requests to join a peer group: one function for the group page's moderators
and the admin's membership requests, so that both approve, decline and notify alike."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from community.models import Membership, MembershipState
from community.notifications import notify_membership


def may_decide_requests(user: Any) -> bool:
    """Editors and moderators of the office decide requests for every group."""
    return bool(user.is_active and user.has_perm("community.change_membership"))


def pending_requests() -> QuerySet[Membership]:
    """Open requests to join, the longest-waiting first."""
    return (Membership.objects.filter(state=MembershipState.PENDING, user__isnull=False)
            .order_by("created_at", "pk"))


def pending_request_count(user: Any) -> int:
    return pending_requests().count() if may_decide_requests(user) else 0


def decide_request(membership: Membership, *, approve: bool, by: Any, reason: str = "") -> None:
    """Approve or decline a pending request and tell the requester (on the site, and by
    e-mail as they chose) in the same transaction."""
    with transaction.atomic():
        if approve:
            membership.approve(by=by)
        else:
            membership.decline(by=by, reason=reason)
        notify_membership(membership)
