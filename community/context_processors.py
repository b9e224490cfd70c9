"""The account links in the site header (sign in, or my account with the number of
unread notifications): one query for a signed-in member, none otherwise."""

from __future__ import annotations

from typing import Any

from django.urls import reverse


def account(request: Any) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"account_nav": {"signed_in": False, "login_url": reverse("community:login")}}

    def unread() -> int:
        return user.notifications.filter(read_at__isnull=True).count()

    return {"account_nav": {"signed_in": True, "profile_url": reverse("community:profile"),
                            "notifications_url": reverse("community:notifications"),
                            "unread": unread}}
