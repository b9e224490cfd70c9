"""What the admin dashboard and menu tell editors needs them.

The site frame gives every plugin the same two pieces, so that the dashboard reads as
one product whichever plugins are on:

- :class:`DashboardPanel`, a panel for Wagtail's ``construct_homepage_panels`` hook with
  a count, the five oldest items and a link to the list where they are worked. A plugin
  appends its panels from its own ``wagtail_hooks.py``, only for editors who may act on
  them (the panel decides nothing about permissions itself).
- :func:`with_open_count`, which gives a menu item class a badge with the open count.
  Wagtail's menu items have no count badge of their own (only the "new" dot of
  dismissible items), so the count travels as ``data-open-count`` on the link and
  ``home/admin/dashboard.css`` draws it; the link's accessible name says it in words.
- :class:`SubmenuWithOpenCount`, a submenu (such as Start Smart) whose own item shows the
  sum of its items' counts, so that work inside a closed submenu is not missed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _
from wagtail.admin.menu import MenuItem, SubmenuMenuItem
from wagtail.admin.ui.components import Component

OLDEST_SHOWN = 5


@dataclass(frozen=True)
class DashboardItem:
    """One line of a panel: what it is, where it is worked, and what else to know."""

    label: str
    url: str
    detail: str = ""
    when: datetime | None = None


class DashboardPanel(Component):
    """A "needs you" panel: a count, the oldest items and a link to all of them."""

    template_name = "home/admin/dashboard_panel.html"

    def __init__(self, *, name: str, heading: str, count: int, items: list[DashboardItem],
                 link_url: str, link_label: str, order: int, icon: str = "warning") -> None:
        self.name, self.heading, self.count, self.items = name, heading, count, items
        self.link_url, self.link_label, self.order, self.icon = link_url, link_label, order, icon

    def get_context_data(self, parent_context: Any) -> dict[str, Any]:
        return {"panel": self, "nothing_open": _("Nothing open.")}


def _counted(request: Any, open_count: Callable[[Any], int]) -> int:
    """``open_count`` for the signed-in user, counted once per request: a submenu sums
    the counts its items have just drawn."""
    counts = request.__dict__.setdefault("_open_counts", {})
    if open_count not in counts:
        counts[open_count] = open_count(request.user)
    return counts[open_count]


def _show_count(component: Any, label: str, count: int) -> None:
    """The badge's number, and the link's name with the number in words for screen
    readers (the drawn badge is decoration of the ``::after`` kind, which not every
    screen reader reads)."""
    if count:
        # A new dict: the item's own attrs are shared by every request.
        component.attrs = {**component.attrs, "data-open-count": str(count),
                           "aria-label": _("%(label)s, %(count)s open") % {
                               "label": label, "count": count}}


def with_open_count(menu_item_class: type[MenuItem],
                    open_count: Callable[[Any], int]) -> type[MenuItem]:
    """``menu_item_class`` whose link carries the open count for the signed-in user
    (none when nothing is open). ``open_count`` is the same function the plugin's
    dashboard panel counts with, so the badge and the panel cannot disagree."""

    class OpenCountMenuItem(menu_item_class):  # type: ignore[valid-type, misc]
        def count_open(self, request: Any) -> int:
            return _counted(request, open_count)

        def render_component(self, request: Any) -> Any:
            component = super().render_component(request)
            _show_count(component, self.label, self.count_open(request))
            return component

    OpenCountMenuItem.__name__ = f"OpenCount{menu_item_class.__name__}"
    return OpenCountMenuItem


class SubmenuWithOpenCount(SubmenuMenuItem):
    """A submenu whose own item carries the sum of the open counts of the items in it
    (those made by :func:`with_open_count`)."""

    def render_component(self, request: Any) -> Any:
        component = super().render_component(request)  # its items count first
        count = sum(item.count_open(request) for item in self.menu.registered_menu_items
                    if hasattr(item, "count_open"))
        _show_count(component, self.label, count)
        return component
