"""The news index's feeds: RSS 2.0 and Atom 1.0 of the latest news in the index's
language, written by Django's syndication framework. They hold what the index lists to
the public (live pages without a view restriction), never an untranslated alias."""

from __future__ import annotations

import datetime

from django.contrib.syndication.views import Feed
from django.http import HttpRequest
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext as _

from home.site_urls import served_url
from news.models import NewsArticlePage, NewsIndexPage


class NewsFeed(Feed):
    feed_type = Rss201rev2Feed

    def __call__(self, request: HttpRequest, *args, index: NewsIndexPage, **kwargs):
        # Titles, kinds, the author and the feed's language (Django's Feed takes it from
        # the active language) are the index's, whatever the browser's.
        with translation.override(index.locale.language_code):
            return super().__call__(request, index=index)

    def get_object(self, request: HttpRequest, index: NewsIndexPage) -> NewsIndexPage:
        self.request = request
        return index

    def title(self, index: NewsIndexPage) -> str:
        return index.title

    def link(self, index: NewsIndexPage) -> str:
        return served_url(index.get_url(self.request), self.request)

    def feed_url(self, index: NewsIndexPage) -> str:
        route = "atom" if self.feed_type is Atom1Feed else "rss"
        return served_url(index.url + index.reverse_subpage(route), self.request)

    def description(self, index: NewsIndexPage) -> str:
        return index.intro or index.title

    def subtitle(self, index: NewsIndexPage) -> str:
        return self.description(index)

    def author_name(self) -> str:
        return _("Smart Cities coordination and transfer office")

    def feed_copyright(self) -> str:
        return _("Smart Cities knowledge platform")

    def items(self, index: NewsIndexPage) -> list[NewsArticlePage]:
        return list(index.feed_items())

    def item_title(self, item: NewsArticlePage) -> str:
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item: NewsArticlePage) -> str:
        return item.summary

    def item_link(self, item: NewsArticlePage) -> str:
        return served_url(item.get_url(self.request), self.request)

    def item_guid(self, item: NewsArticlePage) -> str:
        return self.item_link(item)

    def item_pubdate(self, item: NewsArticlePage) -> datetime.datetime:
        return item.published_on

    def item_updateddate(self, item: NewsArticlePage) -> datetime.datetime:
        return item.last_published_at or item.published_on

    def item_categories(self, item: NewsArticlePage) -> list[str]:
        return [topic.name for topic in item.localized_topics()]


class NewsAtomFeed(NewsFeed):
    feed_type = Atom1Feed
