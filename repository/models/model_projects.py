"""The project database: model projects and their index page."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from community.models import FederalState, SizeClass
from community.similarity import size_distance
from home.images import IMAGE_API_FIELDS, IMAGE_PANEL, IMAGE_TRANSLATABLE_FIELDS, PageImageMixin
from repository.blocks import ProjectBodyBlock
from repository.facets import Facet
from repository.map import LocatorMap, ProjectEntry, locator_map, project_map
from repository.models.base import (
    PAGE_TRANSLATABLE_FIELDS,
    SUMMARY_HELP,
    LocalizedChoicesMixin,
    RepositoryIndexPage,
)
from repository.models.tagging import ModelProjectTag
from repository.models.taxonomy import TOPIC_FACET, Topic
from repository.serializers import (
    DiscussedAtField,
    MunicipalityField,
    StreamBodyField,
    TagsField,
    TopicsField,
)

FIRST_FUNDING_YEAR = 2019
LAST_FUNDING_YEAR = 2035


class FundingPhase(models.IntegerChoices):
    """The three selection rounds (Staffeln) of the Model Projects Smart Cities."""

    FIRST = 1, _("Phase 1 (2019)")
    SECOND = 2, _("Phase 2 (2020)")
    THIRD = 3, _("Phase 3 (2021)")


class ProjectStatus(models.TextChoices):
    STRATEGY = "strategy", _("Strategy phase")
    IMPLEMENTATION = "implementation", _("Implementation phase")


MODEL_PROJECT_FACETS = [
    TOPIC_FACET,
    Facet("federal_state", _("Federal state"), "municipality__federal_state",
          choices=FederalState.choices),
    Facet("size_class", _("Size class"), "municipality__size_class", choices=SizeClass.choices,
          distance=size_distance),
    Facet("phase", _("Funding phase"), "funding_phase", choices=FundingPhase.choices),
    Facet("status", _("Status"), "status", choices=ProjectStatus.choices),
    Facet("tag", _("Tag"), "tags__slug", value_model=ModelProjectTag, many=True),
]


class ModelProjectIndexPage(RepositoryIndexPage):
    subpage_types = ["repository.ModelProjectPage"]

    class Meta:
        verbose_name = _("model project index")
        verbose_name_plural = _("model project indexes")

    @property
    def facets(self) -> list[Facet]:
        return MODEL_PROJECT_FACETS

    def listing_queryset(self) -> QuerySet[ModelProjectPage]:
        return (ModelProjectPage.objects.live().public().child_of(self)
                .select_related("municipality", "image")
                .prefetch_related("image__renditions"))

    def listing_context(self, request) -> dict[str, Any]:
        context = super().listing_context(request)
        # Every project of the database, those that pass the filters marked, in one query:
        # the map shows the whole set and highlights the filtered one.
        filtered_ids = context["results"].select_related(None).values("pk")
        projects = (
            context["unfiltered"].select_related(None).prefetch_related(None)
            .annotate(selected=Case(When(pk__in=filtered_ids, then=Value(True)),
                                    default=Value(False), output_field=BooleanField()))
            .order_by().values_list(
                "title", "municipality__name", "url_path", "municipality__federal_state",
                "funding_phase", "municipality__latitude", "municipality__longitude",
                "selected",
            )
        )
        # Projects are children of this page, so their address continues this page's.
        own_url, own_path = self.get_url(request), self.url_path
        context["map"] = project_map(
            (ProjectEntry(title, place, own_url + url_path[len(own_path):], state, phase,
                          latitude, longitude, selected)
             for title, place, url_path, state, phase, latitude, longitude, selected
             in projects),
            FundingPhase.choices,
        )
        return context


class ModelProjectPage(LocalizedChoicesMixin, PageImageMixin, Page):
    municipality = models.ForeignKey(
        "community.Municipality", verbose_name=_("municipality"), on_delete=models.PROTECT,
        related_name="model_projects",
    )
    funding_phase = models.PositiveSmallIntegerField(
        _("funding phase"), choices=FundingPhase.choices,
    )
    funding_start = models.PositiveSmallIntegerField(
        _("funded from (year)"),
        validators=[MinValueValidator(FIRST_FUNDING_YEAR), MaxValueValidator(LAST_FUNDING_YEAR)],
    )
    funding_end = models.PositiveSmallIntegerField(
        _("funded until (year)"),
        validators=[MinValueValidator(FIRST_FUNDING_YEAR), MaxValueValidator(LAST_FUNDING_YEAR)],
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ProjectStatus.choices,
        default=ProjectStatus.STRATEGY,
    )
    summary = models.TextField(_("summary"), max_length=600, help_text=SUMMARY_HELP)
    body = StreamField(ProjectBodyBlock(), verbose_name=_("body"), blank=True)
    topics = ParentalManyToManyField("repository.Topic", verbose_name=_("topics"), blank=True)
    tags = ClusterTaggableManager(through="repository.TaggedModelProject", blank=True,
                                  verbose_name=_("tags"))
    contacts = ParentalManyToManyField(
        "home.ContactPerson", verbose_name=_("contact people"), blank=True,
    )
    website = models.URLField(_("website"), blank=True)
    # The project's own group (repository.teams): made with the page, kept if the page
    # goes, so that deleting a project never deletes people's group memberships silently.
    # Not unique: aliases and translations (wagtail-localize copies every field) point at
    # the same team, whose page rights are on the page created first only.
    team = models.ForeignKey(
        "auth.Group", verbose_name=_("project team"), null=True, blank=True, editable=False,
        on_delete=models.SET_NULL, related_name="model_projects",
    )

    parent_page_types = ["repository.ModelProjectIndexPage"]
    subpage_types: list[str] = ["repository.SolutionPage"]
    # A copy or translation is not the project's team's page; it gets no group of its own.
    exclude_fields_in_copy = ["team"]

    content_panels = [
        *Page.content_panels,
        FieldPanel("municipality"),
        MultiFieldPanel([
            FieldPanel("funding_phase"),
            FieldRowPanel([FieldPanel("funding_start"), FieldPanel("funding_end")]),
            FieldPanel("status"),
        ], heading=_("Funding")),
        FieldPanel("summary"),
        IMAGE_PANEL,
        FieldPanel("body"),
        FieldPanel("topics"),
        FieldPanel("tags"),
        FieldPanel("contacts"),
        FieldPanel("website"),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("funding_phase"),
        index.FilterField("status"),
        index.RelatedFields("municipality", [index.SearchField("name")]),
    ]
    api_fields = [
        APIField("municipality", serializer=MunicipalityField()),
        APIField("funding_phase"),
        APIField("funding_start"),
        APIField("funding_end"),
        APIField("status"),
        APIField("summary"),
        APIField("body", serializer=StreamBodyField()),
        APIField("topics", serializer=TopicsField(Topic)),
        APIField("tags", serializer=TagsField()),
        APIField("website"),
        APIField("discussed_at", serializer=DiscussedAtField()),
        *IMAGE_API_FIELDS,
    ]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        SynchronizedField("municipality"),
        SynchronizedField("funding_phase"),
        SynchronizedField("funding_start"),
        SynchronizedField("funding_end"),
        SynchronizedField("status"),
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("topics"),
        SynchronizedField("tags"),
        SynchronizedField("contacts"),
        SynchronizedField("website"),
        *IMAGE_TRANSLATABLE_FIELDS,
    ]

    class Meta:
        verbose_name = _("model project")
        verbose_name_plural = _("model projects")

    def clean(self) -> None:
        super().clean()
        if self.funding_start and self.funding_end and self.funding_end < self.funding_start:
            raise ValidationError({
                "funding_end": _("The funding cannot end before it starts."),
            })

    def get_context(self, request, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["topics"] = self.localized_topics()
        context["contacts"] = self.localized_contacts()
        context["locator_map"] = self.locator_map()
        # Solutions point at the German project page (the choice is synchronised), so both
        # languages find theirs by the project's translation key.
        solution_model = apps.get_model("repository", "SolutionPage")
        adoption_model = apps.get_model("repository", "Adoption")
        context["solutions"] = (
            solution_model.objects.live().public()
            .filter(model_project__translation_key=self.translation_key,
                    locale_id=self.locale_id)
            .order_by("title")
        )
        context["adopting_municipalities"] = (
            adoption_model.objects.public()
            .filter(solution__model_project__translation_key=self.translation_key)
            .exclude(status="dropped").values("municipality").distinct().count()
        )
        return context

    def locator_map(self) -> LocatorMap:
        municipality = self.municipality
        return locator_map(self.title, municipality.name, municipality.federal_state,
                           self.funding_phase, municipality.latitude, municipality.longitude)
