"""Featured-content slots on the home page, filled by the plugins.

A plugin offers a slot by registering a Wagtail hook in its ``wagtail_hooks.py``::

    @hooks.register("register_featured_slot")
    def latest_solutions():
        return "latest_solutions", _("Latest solutions"), solutions_for_home

The callable receives ``(request, home_page, limit)`` and returns at most ``limit``
mappings with ``title``, ``url`` and optionally ``summary`` and ``kind``, using a
fixed number of queries. The declaration is a plain tuple so that plugins need not
import this module.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from wagtail import hooks

HOOK_NAME = "register_featured_slot"

ItemsFunction = Callable[[HttpRequest, Any, int], list[Mapping[str, Any]]]


@dataclass(frozen=True)
class FeaturedSlot:
    name: str
    label: str
    items: ItemsFunction


def featured_slots() -> dict[str, FeaturedSlot]:
    slots: dict[str, FeaturedSlot] = {}
    for register in hooks.get_hooks(HOOK_NAME):
        name, label, items = register()
        slots[name] = FeaturedSlot(name, label, items)
    return slots


def slot_choices() -> list[tuple[str, str]]:
    return [(slot.name, slot.label) for slot in featured_slots().values()]


def slot_items(request: HttpRequest, home_page: Any, name: str, limit: int) -> list:
    """The items of one slot, or nothing when its plugin is switched off."""
    slot = featured_slots().get(name)
    if slot is None:
        return []
    return list(slot.items(request, home_page, limit))[:limit]


# Ways in for the audiences the home page greets (find a solution, join a peer group):
# a plugin registers a callable ``(request, home_page) -> mapping | None`` with ``title``,
# ``text``, ``url`` and ``label``; Start Smart is the home page's own hero button.
WAYS_IN_HOOK = "register_home_way_in"


def ways_in(request: HttpRequest | None, home_page: Any) -> list[Mapping[str, Any]]:
    found = (way_in(request, home_page) for way_in in hooks.get_hooks(WAYS_IN_HOOK))
    # Plain strings: the list is cached (home.content_cache), lazy translations are not.
    return [{key: str(value) for key, value in way.items()} for way in found if way]
