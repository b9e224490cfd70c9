"""Publications of the knowledge repository: handouts, studies, guidelines, reports."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from community.models import Decision
from home.images import IMAGE_API_FIELDS, IMAGE_PANEL, IMAGE_TRANSLATABLE_FIELDS, PageImageMixin
from repository.documents import cover_from_document, document_kind, pdf_page_count
from repository.facets import Facet
from repository.models.base import (
    PAGE_TRANSLATABLE_FIELDS,
    SUMMARY_HELP,
    LocalizedChoicesMixin,
    RepositoryIndexPage,
)
from repository.models.taxonomy import TOPIC_FACET, Topic
from repository.serializers import DiscussedAtField, TagsField, TopicsField

EARLIEST_PUBLICATION_YEAR = 1990


class PublicationKind(models.TextChoices):
    HANDOUT = "handout", _("Handout")
    STUDY = "study", _("Study")
    GUIDELINE = "guideline", _("Guideline")
    # With a context: community's "Report" (a post, to the moderators) is "Melden" in German,
    # and catalogues share one namespace, so the bare word came out as "Melden" here too.
    REPORT = "report", pgettext_lazy("kind of publication", "Report")
    TOOLKIT = "toolkit", _("Toolkit")


class DocumentLanguage(models.TextChoices):
    GERMAN = "de", _("German")
    ENGLISH = "en", _("English")


def validate_publication_year(value: int) -> None:
    latest = timezone.now().year + 1
    if not EARLIEST_PUBLICATION_YEAR <= value <= latest:
        raise ValidationError(
            _("Enter a year between %(earliest)s and %(latest)s."),
            params={"earliest": EARLIEST_PUBLICATION_YEAR, "latest": latest},
        )


PUBLICATION_FACETS = [
    TOPIC_FACET,
    Facet("kind", _("Kind"), "kind", choices=PublicationKind.choices),
]


class PublicationIndexPage(RepositoryIndexPage):
    subpage_types = ["repository.PublicationPage"]

    class Meta:
        verbose_name = _("publication index")
        verbose_name_plural = _("publication indexes")

    @property
    def facets(self) -> list[Facet]:
        return PUBLICATION_FACETS

    def listing_queryset(self) -> QuerySet[PublicationPage]:
        return (PublicationPage.objects.live().public().filter(locale_id=self.locale_id)
                .select_related("image").prefetch_related("image__renditions"))


class PublicationPage(LocalizedChoicesMixin, PageImageMixin, Page):
    kind = models.CharField(_("kind"), max_length=12, choices=PublicationKind.choices)
    year = models.PositiveSmallIntegerField(_("year"), validators=[validate_publication_year])
    publisher = models.CharField(_("publisher"), max_length=200)
    document_language = models.CharField(
        _("language of the document"), max_length=2, choices=DocumentLanguage.choices,
        default=DocumentLanguage.GERMAN,
    )
    document = models.ForeignKey(
        "wagtaildocs.Document", verbose_name=_("document"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    # Read from the document when the page is saved (repository.documents).
    document_pages = models.PositiveIntegerField(
        _("pages of the document"), null=True, blank=True, editable=False,
    )
    summary = models.TextField(_("summary"), max_length=1000, help_text=SUMMARY_HELP)
    topics = ParentalManyToManyField("repository.Topic", verbose_name=_("topics"), blank=True)
    tags = ClusterTaggableManager(through="repository.TaggedPublication", blank=True,
                                  verbose_name=_("tags"))

    parent_page_types = ["repository.PublicationIndexPage"]
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("kind"),
        FieldPanel("year"),
        FieldPanel("publisher"),
        FieldPanel("document_language"),
        FieldPanel("document"),
        FieldPanel("summary"),
        IMAGE_PANEL,
        FieldPanel("topics"),
        FieldPanel("tags"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("publisher"),
        index.FilterField("kind"),
        index.FilterField("year"),
    ]
    api_fields = [
        APIField("kind"),
        APIField("year"),
        APIField("publisher"),
        APIField("document_language"),
        APIField("document"),
        APIField("document_facts"),
        APIField("summary"),
        APIField("topics", serializer=TopicsField(Topic)),
        APIField("tags", serializer=TagsField()),
        APIField("discussed_at", serializer=DiscussedAtField()),
        *IMAGE_API_FIELDS,
    ]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        SynchronizedField("kind"),
        SynchronizedField("year"),
        SynchronizedField("publisher"),
        SynchronizedField("document_language"),
        SynchronizedField("document"),
        TranslatableField("summary"),
        SynchronizedField("topics"),
        SynchronizedField("tags"),
        *IMAGE_TRANSLATABLE_FIELDS,
    ]

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def get_context(self, request, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = self.localized_topics()
        # Linked back to the working communities' decisions it was drafted from.
        context["community_decisions"] = list(
            Decision.objects.filter(publication__translation_key=self.translation_key,
                                    published_at__isnull=False).select_related("group"))
        return context

    @property
    def document_facts(self) -> dict[str, Any] | None:
        """File type, size and (for a PDF) pages, for the download link and the API."""
        if self.document is None:
            return None
        return {"kind": document_kind(self.document), "size": self.document.get_file_size(),
                "pages": self.document_pages, "language": self.document_language}

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.read_document()
        super().save(*args, **kwargs)

    def read_document(self) -> None:
        """Counts a new document's pages and, when the page has no cover yet, renders one
        from its first page, described in the page's language."""
        if self.document_id is None:
            self.document_pages = None
            return
        stored = (PublicationPage.objects.filter(pk=self.pk)
                  .values_list("document_id", flat=True).first() if self.pk else None)
        if stored == self.document_id and self.document_pages is not None:
            return
        self.document_pages = pdf_page_count(self.document)
        if self.image_id is None:
            cover = cover_from_document(self.document)
            if cover is not None:
                self.image = cover
                self.image_decorative = False
                language = (self.locale.language_code if self.locale_id
                            else settings.LANGUAGE_CODE)
                with translation.override(language):
                    self.image_alt = _("Cover of “%(title)s”") % {"title": self.title}
