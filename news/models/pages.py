"""The news index of each language and its articles: news and press releases.

A press release carries its text as a PDF (a Wagtail document) and names the press
contact; both kinds have a date, topics (the repository's), tags, a picture, a body of
the site's blocks and related pages (solutions, model projects, events: any page, shown
in the reader's language and only when the reader may see it).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from home.blocks import BodyBlock
from home.content_cache import remember
from home.images import IMAGE_API_FIELDS, IMAGE_PANEL, IMAGE_TRANSLATABLE_FIELDS, PageImageMixin
from home.localization import localize_stream
from home.page_views import run_page_view
from home.serializers import LocalizedStreamField
from news.models.tagging import NewsTag
from repository.documents import document_kind
from repository.facets import Facet
from repository.models.base import (
    PAGE_TRANSLATABLE_FIELDS,
    SUMMARY_HELP,
    LocalizedChoicesMixin,
    RepositoryIndexPage,
)
from repository.models.taxonomy import TOPIC_FACET, Topic
from repository.serializers import TagsField, TopicsField

# What the feeds and the home page hold at most.
FEED_ITEMS = 20


class NewsKind(models.TextChoices):
    NEWS = "news", _("News")
    PRESS_RELEASE = "press_release", _("Press release")


@dataclass(frozen=True)
class YearFacet(Facet):
    """The years in which the index has articles (newest first), read once per change of
    content like the other table-backed facets."""

    def options(self, locale_id: int) -> list[tuple[str, str]]:
        return remember(("news-years", locale_id), lambda: [
            (str(day.year), str(day.year)) for day in
            NewsArticlePage.objects.live().filter(locale_id=locale_id)
            .dates("date", "year", order="DESC")])


NEWS_FACETS = [
    Facet("kind", _("Kind"), "kind", choices=NewsKind.choices),
    TOPIC_FACET,
    Facet("tag", _("Tag"), "tags__slug", value_model=NewsTag, many=True),
    YearFacet("year", _("Year"), "date__year"),
]


class NewsIndexPage(RoutablePageMixin, RepositoryIndexPage):
    """The news of one language, newest first, filterable by kind, topic, tag and year;
    ``feed/rss/`` and ``feed/atom/`` carry the latest news as feeds."""

    subpage_types = ["news.NewsArticlePage"]
    sort_orders = {"newest": ("-date", "-pk"), "oldest": ("date", "pk"), "title": ("title",)}
    default_sort = "newest"
    sort_labels = {"newest": _("Newest first"), "oldest": _("Oldest first"), "title": _("Title")}

    class Meta:
        verbose_name = _("news index")
        verbose_name_plural = _("news indexes")

    @property
    def facets(self) -> list[Facet]:
        return NEWS_FACETS

    def listing_queryset(self) -> QuerySet[NewsArticlePage]:
        return (NewsArticlePage.objects.live().public().descendant_of(self)
                .filter(locale_id=self.locale_id)
                .select_related("image").prefetch_related("image__renditions"))

    def feed_items(self) -> QuerySet[NewsArticlePage]:
        """The latest articles for the feeds: live, public and written in this index's
        language (an untranslated alias would put German text in the English feed)."""
        return (self.listing_queryset().filter(alias_of__isnull=True)
                .prefetch_related("topics").order_by("-date", "-pk")[:FEED_ITEMS])

    @path("")
    def listing(self, request: HttpRequest) -> Any:
        """The listing, 400 for filter values that do not exist (as the repository's
        indexes answer: their ``serve`` is not on a routable page's way)."""
        response = self.render(request)
        if response.context_data.get("filter_errors"):
            response.status_code = 400
        return response

    @path("feed/rss/", name="rss")
    def rss_feed(self, request: HttpRequest) -> Any:
        """The latest news as RSS 2.0 (news.page_views)."""
        return run_page_view(self, "rss", request)

    @path("feed/atom/", name="atom")
    def atom_feed(self, request: HttpRequest) -> Any:
        """The latest news as Atom 1.0 (news.page_views)."""
        return run_page_view(self, "atom", request)


class NewsArticlePage(LocalizedChoicesMixin, PageImageMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    kind = models.CharField(_("kind"), max_length=16, choices=NewsKind.choices,
                            default=NewsKind.NEWS)
    summary = models.TextField(_("summary"), max_length=1000, help_text=SUMMARY_HELP)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("press release (PDF)"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("The press release to download: required for a press release."),
    )
    contacts = ParentalManyToManyField(
        "home.ContactPerson", verbose_name=_("press contacts"), blank=True,
        help_text=_("Who answers the press's questions about this article."),
    )
    related_pages = StreamField(
        [("page", blocks.PageChooserBlock(label=_("Page")))],
        verbose_name=_("related solutions, model projects and events"), blank=True,
    )
    topics = ParentalManyToManyField("repository.Topic", verbose_name=_("topics"), blank=True)
    tags = ClusterTaggableManager(through="news.TaggedNewsArticle", blank=True,
                                  verbose_name=_("tags"))

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel([FieldPanel("date"), FieldPanel("kind"), FieldPanel("document")],
                        heading=_("Date and kind")),
        FieldPanel("summary"),
        IMAGE_PANEL,
        FieldPanel("body"),
        FieldPanel("contacts"),
        FieldPanel("related_pages"),
        FieldPanel("topics"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("kind"),
        index.FilterField("date"),
    ]
    api_fields = [
        APIField("date"),
        APIField("kind"),
        APIField("summary"),
        APIField("body", serializer=LocalizedStreamField()),
        APIField("document"),
        APIField("document_facts"),
        APIField("press_contacts"),
        APIField("related_content"),
        APIField("topics", serializer=TopicsField(Topic)),
        APIField("tags", serializer=TagsField()),
        *IMAGE_API_FIELDS,
    ]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        SynchronizedField("date"),
        SynchronizedField("kind"),
        TranslatableField("summary"),
        TranslatableField("body"),
        # A translated press release may have its own PDF.
        SynchronizedField("document", overridable=True),
        SynchronizedField("contacts"),
        SynchronizedField("related_pages"),
        SynchronizedField("topics"),
        SynchronizedField("tags"),
        *IMAGE_TRANSLATABLE_FIELDS,
    ]

    class Meta:
        verbose_name = _("news article")
        verbose_name_plural = _("news articles")

    def clean(self) -> None:
        super().clean()
        if self.document_id and not self.document.file.name.lower().endswith(".pdf"):
            raise ValidationError({"document": _("Choose a PDF document.")})
        if self.kind == NewsKind.PRESS_RELEASE and not self.document_id:
            raise ValidationError({"document": _("A press release needs its PDF.")})

    @property
    def is_press_release(self) -> bool:
        return self.kind == NewsKind.PRESS_RELEASE

    @property
    def published_on(self) -> datetime.datetime:
        """The article's date as an instant (midnight in the site's time zone), for the
        feeds, which want one."""
        return timezone.make_aware(datetime.datetime.combine(self.date, datetime.time()))

    @property
    def document_facts(self) -> dict[str, Any] | None:
        """File type and size of the PDF, for the download link and the API."""
        if self.document is None:
            return None
        return {"kind": document_kind(self.document), "size": self.document.get_file_size(),
                "url": self.document.url, "title": self.document.title}

    @property
    def press_contacts(self) -> list[dict[str, str]]:
        return [{"name": person.name, "role": person.role, "organisation": person.organisation,
                 "email": person.email, "phone": person.phone}
                for person in self.localized_contacts()]

    def visible_related_pages(self) -> list[Page]:
        """The related pages in this page's language where translated, leaving out any the
        public may not see (a page chosen in a closed group, or restricted since): one
        query finds both the translations and the chosen pages among the public ones."""
        chosen = [block.value for block in self.related_pages if block.value is not None]
        if not chosen:
            return []
        found = list(Page.objects.live().public().filter(
            Q(translation_key__in=[page.translation_key for page in chosen],
              locale_id=self.locale_id) | Q(pk__in=[page.pk for page in chosen])))
        by_pk = {page.pk: page for page in found}
        translated = {page.translation_key: page for page in found
                      if page.locale_id == self.locale_id}
        shown = [translated.get(page.translation_key) or by_pk.get(page.pk) for page in chosen]
        return [page for page in shown if page is not None]

    @property
    def related_content(self) -> list[dict[str, Any]]:
        """The related pages as the API gives them: only those the public may see."""
        return [{"id": page.pk, "title": page.title, "url": page.full_url}
                for page in self.visible_related_pages()]

    def get_context(self, request, *args, **kwargs) -> dict[str, Any]:
        localize_stream(self.body, self.locale_id)
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = self.localized_topics()
        # As the contact block of a page's body gives them (home/blocks/contact_person.html).
        context["contacts"] = [{"person": person} for person in self.localized_contacts()]
        context["related"] = self.visible_related_pages()
        context["tags"] = list(self.tags.all())
        context["index_url"] = self.get_parent().get_url(request) if context["tags"] else ""
        return context
