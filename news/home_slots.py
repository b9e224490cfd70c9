"""The latest news on the home page (registered in ``wagtail_hooks``): date and kind,
title, summary and picture; a fixed number of queries whatever the number."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.formats import date_format
from django.utils.text import Truncator

from home.images import picture
from news.models import NewsArticlePage


def latest_news(request: HttpRequest | None, home_page: Any, limit: int) -> list[dict[str, Any]]:
    articles = (NewsArticlePage.objects.live().public().filter(locale_id=home_page.locale_id)
                .select_related("image").prefetch_related("image__renditions")
                .order_by("-date", "-pk")[:limit])
    return [{
        "title": article.title, "url": article.get_url(request),
        "summary": Truncator(article.summary).words(24),
        "kind": f"{article.get_kind_display()} · {date_format(article.date, 'DATE_FORMAT')}",
        "picture": picture(article.image, article.image_alt_text, "card")
        if article.image else None,
    } for article in articles]
