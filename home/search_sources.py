"""What the home plugin contributes to the search index: its standard pages (about the
programme, contact, imprint). Duck-typed contract, see `search/sources.py`."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from home.models import StandardPage


class StandardPageSource:
    name = "page"
    label = _("Page")
    model = StandardPage

    def queryset(self) -> QuerySet:
        return StandardPage.objects.live().select_related("locale")

    def document(self, page: StandardPage) -> dict[str, Any]:
        body_field = StandardPage._meta.get_field("body")
        body = " ".join(" ".join(strip_tags(text).split())
                        for text in body_field.get_searchable_content(page.body))
        return {
            "title": page.title,
            "summary": page.intro or page.search_description,
            "body": body,
            "date": page.last_published_at or page.first_published_at,
        }
