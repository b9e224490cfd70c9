"""Content changes that mark search documents stale. Each handler only records the
change (inside the change's own transaction); the sync task does the work after commit."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

from search import tasks
from search.sources import page_key, registered_sources, source_for_model
from search.sync import mark_objects_stale, mark_stale


def mark_page(page: Page, *, with_descendants: bool = False) -> None:
    source = source_for_model(page.specific_class) if page.specific_class else None
    keys = [page_key(page.pk)]
    mark_stale(keys, source.name if source else "")
    if with_descendants:
        mark_descendants(page)


def mark_descendants(page: Page) -> None:
    """Descendants whose URL or visibility may have changed (those already indexed, and
    those of searchable types that are live)."""
    for source in registered_sources():
        if source.is_page:
            ids = (source.model.objects.descendant_of(page).live()
                   .values_list("pk", flat=True))
            mark_stale((page_key(pk) for pk in ids), source.name)


def on_page_published(sender: Any, instance: Page, **kwargs: Any) -> None:
    mark_page(instance)


def on_page_unpublished(sender: Any, instance: Page, **kwargs: Any) -> None:
    mark_page(instance)
    mark_stale(page_key(pk) for pk in Page.objects.descendant_of(instance)
               .values_list("pk", flat=True))


def on_page_moved_or_renamed(sender: Any, instance: Page, **kwargs: Any) -> None:
    mark_page(instance, with_descendants=True)


def on_deleted(sender: Any, instance: Any, **kwargs: Any) -> None:
    if isinstance(instance, Page):
        mark_stale([page_key(instance.pk)])
        return
    source = source_for_model(type(instance))
    if source is not None and not source.is_page:
        mark_stale([source.key(instance)])


def on_saved(sender: Any, instance: Any, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    source = source_for_model(type(instance))
    if source is not None and not source.is_page:
        mark_stale([source.key(instance)], source.name)
    for source in registered_sources():
        affected = source.dependencies().get(type(instance))
        if affected is not None and instance.pk is not None:
            mark_objects_stale(source.model, list(affected(instance)))


def on_restriction_changed(sender: Any, instance: PageViewRestriction, **kwargs: Any) -> None:
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        mark_page(page, with_descendants=True)


def on_restriction_groups_changed(sender: Any, instance: Any, action: str, **kwargs: Any) -> None:
    if action in ("post_add", "post_remove", "post_clear") and isinstance(
            instance, PageViewRestriction):
        on_restriction_changed(sender, instance)


def connect() -> None:
    tasks.connect()
    page_published.connect(on_page_published, dispatch_uid="search-page-published")
    page_unpublished.connect(on_page_unpublished, dispatch_uid="search-page-unpublished")
    post_page_move.connect(on_page_moved_or_renamed, dispatch_uid="search-page-moved")
    page_slug_changed.connect(on_page_moved_or_renamed, dispatch_uid="search-page-slug")
    post_delete.connect(on_deleted, dispatch_uid="search-deleted")
    post_save.connect(on_saved, dispatch_uid="search-saved")
    for signal in (post_save, post_delete):
        signal.connect(on_restriction_changed, sender=PageViewRestriction,
                       dispatch_uid=f"search-restriction-{id(signal)}")
    m2m_changed.connect(on_restriction_groups_changed,
                        sender=PageViewRestriction.groups.through,
                        dispatch_uid="search-restriction-groups")
