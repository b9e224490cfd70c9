"""Threads in /sitemap.xml: only those anyone may read (a public group's threads that
no moderator hid); the same permissions module decides as for the pages."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from wagtail.contrib.sitemaps import Sitemap

from community import permissions
from community.discussions import thread_url
from community.models import PeerGroupPage, Thread
from home import site_urls


class ThreadSitemap(Sitemap):
    """Built on Wagtail's sitemap; thread addresses name the site that is served, as
    the pages beside them do (home.site_urls)."""

    limit = 5000

    def items(self) -> QuerySet[Thread]:
        anyone = AnonymousUser()
        groups = [group.pk for group in PeerGroupPage.objects.live().public()
                  .filter(locale__language_code=settings.LANGUAGE_CODE)
                  if permissions.can_read(anyone, group)]
        return Thread.objects.filter(group__in=groups, is_hidden=False).order_by("pk")

    def _urls(self, page: int, protocol: str, domain: str) -> list[dict[str, Any]]:
        root = site_urls.base_url(self.request)
        threads = list(self.paginator.page(page).object_list)
        if threads:
            self.latest_lastmod = max(thread.last_activity_at for thread in threads)
        with translation.override(settings.LANGUAGE_CODE):
            return [{"item": thread, "location": root + thread_url(thread),
                     "lastmod": thread.last_activity_at} for thread in threads]


class WorkingCommunitySitemap(Sitemap):
    """The two public pages of each working community (what it works on, and what its
    moderators published); nothing of its members' space."""

    limit = 5000

    def items(self) -> list[tuple[str, PeerGroupPage]]:
        groups = (PeerGroupPage.objects.live().public()
                  .filter(locale__language_code=settings.LANGUAGE_CODE,
                          is_working_community=True).order_by("pk"))
        anyone = AnonymousUser()
        return [(name, group) for group in groups if permissions.can_see_group(anyone, group)
                for name in ("community:works_on", "community:results")]

    def _urls(self, page: int, protocol: str, domain: str) -> list[dict[str, Any]]:
        root = site_urls.base_url(self.request)
        with translation.override(settings.LANGUAGE_CODE):
            return [{"item": group, "location": root + reverse(name, args=[group.pk]),
                     "lastmod": group.last_published_at}
                    for name, group in self.paginator.page(page).object_list]
