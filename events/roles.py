"""The event managers' role (created by the migration events 0002, editable under
Settings → Groups): a calendar created later, by the demo or an editor, gives them the
same page rights on it as the migration gave on the calendars that existed then."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import Group, Permission
from wagtail.models import GroupPagePermission

EVENT_MANAGERS = "Event managers"
CALENDAR_ACTIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def grant_calendar_to_event_managers(sender: Any, instance: Any, created: bool,
                                     raw: bool = False, **kwargs: Any) -> None:
    if not created or raw:
        return
    managers = Group.objects.filter(name=EVENT_MANAGERS).first()
    if managers is None:  # the office removed the role: nothing to grant
        return
    for permission in Permission.objects.filter(content_type__app_label="wagtailcore",
                                                codename__in=CALENDAR_ACTIONS):
        GroupPagePermission.objects.get_or_create(group=managers, page=instance,
                                                  permission=permission)
