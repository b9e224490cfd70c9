"""What every repository page shares: chosen topics and contact people shown in the
page's own language, the page fields that every page type translates, and the index
page that lists one page type."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page, TranslatableMixin
from wagtail_localize.fields import TranslatableField

from home.choice_fields import LocalizedChoicesPageForm
from repository.listing import FacetedListingMixin

T = TypeVar("T", bound=TranslatableMixin)

# Wagtail's own page fields: every page type translates them.
# What a page's summary is for, said under the field in every page type that has one.
SUMMARY_HELP = _("Two or three sentences that say what it is and for whom: shown in "
                 "listings, search results and link previews, and above the text.")

PAGE_TRANSLATABLE_FIELDS = [
    TranslatableField("title"),
    TranslatableField("slug"),
    TranslatableField("seo_title"),
    TranslatableField("search_description"),
]


def in_locale(objects: Iterable[T], locale_id: int) -> list[T]:
    """Each translatable object in the given locale where a translation exists, in one
    query (none when they already are)."""
    chosen = list(objects)
    foreign = [obj for obj in chosen if obj.locale_id != locale_id]
    if not foreign:
        return chosen
    model = type(foreign[0])
    translated = {
        obj.translation_key: obj
        for obj in model.objects.filter(
            translation_key__in=[obj.translation_key for obj in foreign], locale_id=locale_id,
        )
    }
    return [translated.get(obj.translation_key, obj) for obj in chosen]


class LocalizedChoicesMixin:
    """Topics (and, where a page type has them, contacts) are chosen on the German page;
    wagtail-localize copies the choice to the translation, still pointing at the German
    snippets. These show them in the page's own language, and the page form offers
    the page's language (home/choice_fields.py)."""

    base_form_class = LocalizedChoicesPageForm

    def localized_topics(self) -> list:
        return in_locale(self.topics.all(), self.locale_id)

    def localized_contacts(self) -> list:
        return in_locale(self.contacts.all(), self.locale_id)


class RepositoryIndexPage(FacetedListingMixin, Page):
    """The index of one page type (model projects, solutions, publications): an
    introduction above the filterable listing. Each index names its ``facets`` and its
    ``listing_queryset``."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    api_fields = [APIField("intro")]
    translatable_fields = [*PAGE_TRANSLATABLE_FIELDS, TranslatableField("intro")]

    class Meta:
        abstract = True
