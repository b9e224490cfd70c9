"""Chosen pages and snippets, shown in the reader's language.

Editors choose pages and snippets once, on the German page or in the site settings;
wagtail-localize keeps those choices pointing at the German objects when it makes the
English page. These helpers swap each chosen object for its version in the wanted
locale, with one query per model however many there are.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django.db.models import Model, Q
from wagtail.blocks import StreamValue, StructValue
from wagtail.blocks.list_block import ListValue
from wagtail.models import Page, TranslatableMixin


def localized_pages(page_ids: Iterable[int | None], locale_id: int) -> dict[int, Page]:
    """Chosen page id → the live version of that page in the locale (the chosen page
    itself when it has no live translation); pages that are not live are left out."""
    wanted = {page_id for page_id in page_ids if page_id}
    if not wanted:
        return {}
    chosen_keys = Page.objects.filter(id__in=wanted).values("translation_key")
    candidates = Page.objects.live().filter(
        Q(id__in=wanted) | Q(translation_key__in=chosen_keys, locale_id=locale_id)
    )
    by_key: dict[Any, Page] = {}
    chosen: dict[int, Page] = {}
    for page in candidates:
        if page.id in wanted:
            chosen[page.id] = page
        if page.locale_id == locale_id:
            by_key[page.translation_key] = page
    return {
        page_id: by_key.get(page.translation_key, page) for page_id, page in chosen.items()
    }


def localize_stream(stream: StreamValue, locale_id: int) -> None:
    """Swap every chosen page and translatable snippet in a StreamField value for its
    version in the locale, in place, with one query per model."""
    slots: list[tuple[Any, Any, Model]] = []
    _collect(stream, slots)
    if not slots:
        return

    pages = localized_pages(
        (obj.pk for _holder, _key, obj in slots if isinstance(obj, Page)), locale_id
    )
    snippets_by_model: dict[type[Model], set[Any]] = defaultdict(set)
    for _holder, _key, obj in slots:
        if not isinstance(obj, Page) and obj.locale_id != locale_id:
            snippets_by_model[type(obj)].add(obj.translation_key)
    translated: dict[tuple[type[Model], Any], Model] = {}
    for model, keys in snippets_by_model.items():
        for obj in model.objects.filter(translation_key__in=keys, locale_id=locale_id):
            translated[(model, obj.translation_key)] = obj

    for holder, key, obj in slots:
        if isinstance(obj, Page):
            replacement = pages.get(obj.pk)
        else:
            replacement = translated.get((type(obj), obj.translation_key), obj)
        _put(holder, key, replacement)


def _is_localizable(value: Any) -> bool:
    return isinstance(value, (Page, TranslatableMixin))


def _collect(value: Any, slots: list) -> None:
    if isinstance(value, StreamValue):
        for child in value:
            if _is_localizable(child.value):
                slots.append((child, None, child.value))
            else:
                _collect(child.value, slots)
    elif isinstance(value, StructValue):
        for key, item in value.items():
            if _is_localizable(item):
                slots.append((value, key, item))
            else:
                _collect(item, slots)
    elif isinstance(value, ListValue):
        for index, item in enumerate(value):
            if _is_localizable(item):
                slots.append((value, index, item))
            else:
                _collect(item, slots)


def _put(holder: Any, key: Any, replacement: Model | None) -> None:
    if key is None:
        holder.value = replacement
    else:
        holder[key] = replacement
