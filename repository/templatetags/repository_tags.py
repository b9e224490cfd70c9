"""Related content on repository pages, contributed by other plugins (and the events
at which a page was discussed, see repository.discussed_at).

A plugin adds a panel by registering a Wagtail hook::

    @hooks.register("related_content")
    def similar_things(request, page):
        return rendered_html_or_empty_string

so that the repository names no plugin and a disabled plugin leaves nothing behind.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from wagtail import hooks

from repository import documents
from repository.discussed_at import Occasion, remembered

register = template.Library()


@register.simple_tag(takes_context=True)
def related_content(context: dict[str, Any], page: Any) -> SafeString:
    request = context.get("request")
    panels = [hook(request, page) for hook in hooks.get_hooks("related_content")]
    return format_html_join("", "{}", ((panel,) for panel in panels if panel))


@register.simple_tag
def occasions(page: Any) -> list[Occasion]:
    """Where the page was discussed (repository.discussed_at), the latest first."""
    return remembered([page])[page.pk]


@register.filter
def document_kind(document: Any) -> str:
    """What the download link calls the file: "PDF", "Word", ..."""
    return documents.document_kind(document)
