"""What the home plugin contributes to the search index: its standard pages (about the
programme, contact, imprint). Duck-typed contract, see `search/sources.py`."""

from __future__ import annotations

from typing import Any

from django.db.models import F, QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.base import Block

from home.models import StandardPage


def _walks(block: Block, container: type) -> bool:
    # A block that only gathers its children's words; one that overrides
    # get_searchable_content gets its value built and asked instead.
    return (isinstance(block, container) and type(block).get_searchable_content
            is container.get_searchable_content)


def raw_searchable_content(block: Block, raw: Any) -> list[str]:
    """What `block.get_searchable_content(value)` gives, read from the stream's raw data:
    chooser blocks (pages, images, snippets, documents) contribute no words, so their
    objects are never fetched. Turning the stream into values would fetch them, a few
    queries per page and block type."""
    if not getattr(block, "search_index", True):
        return []
    if _walks(block, blocks.StreamBlock):
        found = []
        for child in raw or []:
            child_block = block.child_blocks.get(child.get("type"))
            if child_block is not None:
                found += raw_searchable_content(child_block, child.get("value"))
        return found
    if _walks(block, blocks.StructBlock):
        found = []
        for name, child_block in block.child_blocks.items():
            if raw is not None and name in raw:
                found += raw_searchable_content(child_block, raw[name])
            else:
                found += child_block.get_searchable_content(child_block.get_default())
        return found
    if _walks(block, blocks.ListBlock):
        found = []
        for item in raw or []:
            # Lists are stored as [{"type": "item", "value": ..., "id": ...}] or, written
            # before Wagtail 2.16, as plain values.
            value = item["value"] if isinstance(item, dict) and item.get("type") == "item" \
                and "value" in item else item
            found += raw_searchable_content(block.child_block, value)
        return found
    if type(block).get_searchable_content is Block.get_searchable_content:
        return []  # no words (chooser blocks among them)
    return block.get_searchable_content(block.to_python(raw))


def stream_text(field_name: str, model: type, stream: Any) -> list[str]:
    """The searchable content of a StreamField value read by values(), from its raw data."""
    stream_block = model._meta.get_field(field_name).stream_block
    return raw_searchable_content(stream_block, list(stream.raw_data) if stream else [])


class StandardPageSource:
    name = "page"
    label = _("Page")
    model = StandardPage

    def queryset(self) -> QuerySet:
        return StandardPage.objects.live().select_related("locale")

    def values(self, queryset: QuerySet) -> list[dict[str, Any]]:
        """The chunk as plain values: one query."""
        return list(queryset.values(
            "pk", "path", "url_path", "title", "intro", "search_description", "body",
            "last_published_at", "first_published_at", language=F("locale__language_code")))

    def document(self, page: dict[str, Any]) -> dict[str, Any]:
        body = " ".join(" ".join(strip_tags(text).split())
                        for text in stream_text("body", StandardPage, page["body"]))
        return {
            "title": page["title"],
            "summary": page["intro"] or page["search_description"],
            "body": body,
            "date": page["last_published_at"] or page["first_published_at"],
        }
