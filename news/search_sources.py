"""What the news contribute to the search index (duck-typed contract, see
``search/sources.py``): articles and press releases with their topics, tags and year."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from news.models import NewsArticlePage, NewsTag
from repository.models import Topic
from repository.search_sources import (
    REPOSITORY_FACET_LABELS,
    RepositoryPageSource,
    html_text,
    tag_names,
)


def news_tag_names(values: list[str], language: str) -> dict[str, str]:
    """The repository's tag names and the news' own (the tag facet is shared)."""
    return {**tag_names(values, language),
            **dict(NewsTag.objects.filter(slug__in=values).values_list("slug", "name"))}


class NewsArticleSource(RepositoryPageSource):
    name = "news"
    label = _("News")
    model = NewsArticlePage
    facet_labels = {**REPOSITORY_FACET_LABELS, "tag": news_tag_names}

    def __init__(self) -> None:
        self.dependencies = {
            Topic: self.with_topic(NewsArticlePage),
            NewsTag: self.tagged(NewsArticlePage),
        }

    # Read as plain values with topics and tags (RepositoryPageSource.values).
    value_fields = ("body", "date")

    def document(self, page: dict[str, Any]) -> dict[str, Any]:
        body_field = NewsArticlePage._meta.get_field("body")
        return {
            **self.common(page),
            "summary": page["summary"],
            "body": " ".join(map(html_text, body_field.get_searchable_content(page["body"]))),
            "year": page["date"].year,
            # NewsArticlePage.published_on: midnight of the date in the site's time zone.
            "date": timezone.make_aware(datetime.datetime.combine(page["date"],
                                                                  datetime.time())),
        }
