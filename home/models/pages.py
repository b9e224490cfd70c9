"""Page types of the home plugin: the home page of each language and standard pages."""

from __future__ import annotations

import time
from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Locale, Page
from wagtail.search import index
from wagtail.url_routing import RouteResult
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BodyBlock, FeaturedPageBlock, FeaturedSlotBlock, KeyFigureBlock
from home.content_cache import cached_route, remember
from home.featured import slot_items, ways_in
from home.localization import localize_stream
from home.serializers import LocalizedStreamField, RichTextAPIField

# How long the featured slots may show what the clock has changed (an event that ended).
FEATURED_SECONDS = 60

# Wagtail's own page fields: every page type translates them.
PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
]


class HomePage(Page):
    hero_title = models.CharField(_("hero title"), max_length=200)
    hero_text = models.TextField(_("hero text"), blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("hero image"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Decorative background; the hero text must make sense without it."),
    )
    hero_link_label = models.CharField(_("hero button text"), max_length=60, blank=True)
    hero_link_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("hero button target"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    intro = RichTextField(_("introduction"), blank=True, features=["bold", "italic", "link"])
    key_figures = StreamField(
        [("figure", KeyFigureBlock())], verbose_name=_("key figures"), blank=True,
    )
    featured = StreamField(
        [("page", FeaturedPageBlock()), ("slot", FeaturedSlotBlock())],
        verbose_name=_("featured content"), blank=True,
    )

    parent_page_types = ["wagtailcore.Page"]

    def route(self, request: HttpRequest, path_components: list[str]) -> RouteResult:
        """Every public URL is routed from a home page: the page found is cached."""
        if not path_components:
            return super().route(request, path_components)
        return cached_route(self, request, path_components, super().route)

    @property
    def localized(self) -> Page:
        """The home page of the active language (cached: every request asks for it)."""
        locale = Locale.get_active()
        if locale.pk == self.locale_id:
            return self
        return remember(("localized", self.pk, locale.pk),
                        lambda: super(HomePage, self).localized)

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_title"), FieldPanel("hero_text"), FieldPanel("hero_image"),
             FieldPanel("hero_link_label"), FieldPanel("hero_link_page")],
            heading=_("Hero"),
        ),
        FieldPanel("intro"),
        FieldPanel("key_figures"),
        FieldPanel("featured"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_title"),
        index.SearchField("hero_text"),
        index.SearchField("intro"),
    ]
    api_fields = [
        APIField("hero_title"),
        APIField("hero_text"),
        APIField("hero_image", serializer=ImageRenditionField("fill-1600x600")),
        APIField("hero_link_label"),
        APIField("hero_link_page"),
        APIField("intro", serializer=RichTextAPIField()),
        APIField("key_figures"),
        APIField("featured_content"),
    ]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("hero_title"),
        TranslatableField("hero_text"),
        SynchronizedField("hero_image"),
        TranslatableField("hero_link_label"),
        SynchronizedField("hero_link_page"),
        TranslatableField("intro"),
        TranslatableField("key_figures"),
        TranslatableField("featured"),
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    def get_context(self, request, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["featured_sections"] = self.featured_sections(request)
        # The ways in change only with the pages they lead to: cached like the frame.
        context["ways_in"] = remember(
            ("ways_in", self.pk, translation.get_language()), lambda: ways_in(request, self))
        return context

    @property
    def featured_content(self) -> list[dict[str, Any]]:
        """The featured sections as the API serves them: resolved, in this language."""
        return self.featured_sections(None)

    def featured_sections(self, request: HttpRequest | None = None) -> list[dict[str, Any]]:
        """Featured pages (in this page's language) grouped into one section, followed by
        one section per plugin slot with its items.

        Read once per change of content (home.content_cache) and per minute: the slots
        depend on the clock as well ("next events" drop out when they end), which no
        change of content announces. The host is part of the key, as the addresses are
        relative to the site served (absolute for the API, which has no request)."""
        key = ("featured-sections", self.pk, translation.get_language(),
               request.get_host() if request is not None else None,
               int(time.time() // FEATURED_SECONDS))
        return remember(key, lambda: self._featured_sections(request))

    def _featured_sections(self, request: HttpRequest | None) -> list[dict[str, Any]]:
        localize_stream(self.featured, self.locale_id)
        sections: list[dict[str, Any]] = []
        pages = []
        for block in self.featured:
            if block.block_type == "page" and block.value["page"]:
                page = block.value["page"]
                pages.append({
                    "title": page.title,
                    "url": page.get_url(request),
                    "summary": block.value["teaser"] or page.search_description,
                })
            elif block.block_type == "slot":
                items = slot_items(request, self, block.value["slot"], block.value["limit"])
                if items:
                    sections.append({"heading": block.value["heading"], "items": items})
        if pages:
            sections.insert(0, {"heading": _("Featured"), "items": pages})
        return sections


class StandardPage(Page):
    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [
        *Page.search_fields,
        index.SearchField("intro"),
        index.SearchField("body"),
    ]
    api_fields = [APIField("intro"), APIField("body", serializer=LocalizedStreamField())]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("body"),
    ]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")

    def get_context(self, request, *args, **kwargs) -> dict[str, Any]:
        localize_stream(self.body, self.locale_id)
        return super().get_context(request, *args, **kwargs)


__all__ = ["HomePage", "StandardPage"]
