"""The news index's feeds as its sub-pages (registered with :mod:`home.page_views`;
imported by ``NewsConfig.ready()``)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from home.page_views import page_view
from news.feeds import NewsAtomFeed, NewsFeed
from news.models import NewsIndexPage


@page_view(NewsIndexPage, "rss")
def rss(page: NewsIndexPage, request: HttpRequest) -> HttpResponse:
    return NewsFeed()(request, index=page)


@page_view(NewsIndexPage, "atom")
def atom(page: NewsIndexPage, request: HttpRequest) -> HttpResponse:
    return NewsAtomFeed()(request, index=page)
