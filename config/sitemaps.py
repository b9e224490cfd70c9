"""/sitemap.xml: the pages anyone may read, in every language, and what the enabled
plugins add (their `sitemaps` declaration)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils.module_loading import import_string
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page

from config.plugins import plugin_sitemaps


class PageSitemap(Sitemap):
    """Live pages without a view restriction under the site's root and its translations.
    Aliases of untranslated pages are left out: their content is the original's."""

    def items(self) -> QuerySet[Page]:
        site = self.get_wagtail_site()
        roots = Page.objects.filter(translation_key=site.root_page.translation_key)
        under_a_root = Q()
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return (Page.objects.filter(under_a_root, alias_of__isnull=True).live().public()
                .order_by("path").defer_streamfields().specific())

    def _urls(self, page: int, protocol: str, domain: str) -> list[dict[str, Any]]:
        """Wagtail's entries, on the host and port that is served (the site frame's
        ``SERVED_URL_FUNCTION``): Wagtail writes the Site's root URL, which in
        development is not the one that answered."""
        served = import_string(settings.SERVED_URL_FUNCTION)
        urls = super()._urls(page, protocol, domain)
        for url in urls:
            url["location"] = served(url["location"], self.request)
        return urls


def sitemaps() -> dict[str, type]:
    return {"pages": PageSitemap, **plugin_sitemaps()}
