"""/sitemap.xml: the pages anyone may read, in every language, and what the enabled
plugins add (their `sitemaps` declaration)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
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


def sitemaps() -> dict[str, type]:
    return {"pages": PageSitemap, **plugin_sitemaps()}
