"""The FAQ page: questions grouped by topic, with the office's contact details."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import TranslatableField

from events.faq.blocks import FAQPageBlock, faq_structured_data, script_safe_json
from home.images import IMAGE_API_FIELDS, IMAGE_PANEL, IMAGE_TRANSLATABLE_FIELDS, PageImageMixin
from home.localization import localize_stream
from home.serializers import LocalizedStreamField
from repository.models.base import PAGE_TRANSLATABLE_FIELDS


class FAQPage(PageImageMixin, Page):
    """Questions grouped by topic, with the office's contact details; marked up as a
    schema.org FAQPage so that search engines can show the answers."""

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(FAQPageBlock(), verbose_name=_("questions and contact"))

    # A page of the site's first level (like "Start Smart" or "About us"), not something
    # to file inside the event calendar or the repository.
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    content_panels = [*Page.content_panels, FieldPanel("intro"), IMAGE_PANEL, FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    api_fields = [APIField("intro"), *IMAGE_API_FIELDS,
                  APIField("body", serializer=LocalizedStreamField())]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro"),
                           *IMAGE_TRANSLATABLE_FIELDS, TranslatableField("body")]

    class Meta:
        verbose_name = _("FAQ page")
        verbose_name_plural = _("FAQ pages")

    def get_context(self, request: HttpRequest, *args: Any, **kwargs: Any) -> dict[str, Any]:
        # The named contacts were chosen on the German page: show them in this language.
        localize_stream(self.body, self.locale_id)
        context = super().get_context(request, *args, **kwargs)
        data = faq_structured_data(self.body)
        context["structured_data"] = script_safe_json(data) if data["mainEntity"] else ""
        return context
