"""Admin permissions the plugins share.

Some records only ever come from the people they are about, with their consent and a
confirmed address (expressions of interest, newsletter subscriptions): the office looks
after them in the admin, but nobody adds one there, where no consent is given, whatever
permissions their groups hold.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """Django's model permissions, without "add"."""

    def user_has_permission(self, user: Any, action: str) -> bool:
        return action != "add" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user: Any, actions: Iterable[str]) -> bool:
        return any(self.user_has_permission(user, action) for action in actions)

    def users_with_any_permission(self, actions: Iterable[str]) -> QuerySet:
        return super().users_with_any_permission([a for a in actions if a != "add"])


def never_added_in_admin(model: type[Model]) -> NoAddPermissionPolicy:
    """Registers and returns the no-add policy for ``model``."""
    policy = NoAddPermissionPolicy(model)
    register_permission_policy(model, policy)
    return policy
