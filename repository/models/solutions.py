"""Solutions that model projects publish (who adopted them: repository/models/adoptions.py)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from community.models import FederalState, SizeClass
from community.similarity import size_distance
from home.content_cache import remember
from home.images import IMAGE_API_FIELDS, IMAGE_PANEL, IMAGE_TRANSLATABLE_FIELDS, PageImageMixin
from home.page_views import RegisteredContextMixin
from repository.blocks import TEXT_FEATURES, DownloadBlock
from repository.charts import repository_charts
from repository.facets import Facet
from repository.freshness import freshness as freshness_of
from repository.models.adoptions import Adoption, AdoptionSource, AdoptionStatus
from repository.models.base import (
    PAGE_TRANSLATABLE_FIELDS,
    SUMMARY_HELP,
    LocalizedChoicesMixin,
    RepositoryIndexPage,
    in_locale,
)
from repository.models.model_projects import FundingPhase
from repository.models.questions import FaqEntry
from repository.models.tagging import SolutionTag
from repository.models.taxonomy import TOPIC_FACET, Topic
from repository.page_forms import SolutionPageForm
from repository.serializers import DiscussedAtField, StreamBodyField, TagsField, TopicsField
from repository.spdx import SPDX_LICENCES


class Maturity(models.TextChoices):
    """The five steps from an idea to a solution that others run."""

    IDEA = "idea", _("Idea")
    PROTOTYPE = "prototype", _("Prototype")
    PILOT = "pilot", _("Pilot")
    OPERATION = "operation", _("Regular operation")
    TRANSFERRED = "transferred", _("Transferred")


class Effort(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")


class CostRange(models.TextChoices):
    UNDER_10K = "under_10k", _("under €10,000")
    UP_TO_50K = "10k_50k", _("€10,000 – €50,000")
    UP_TO_250K = "50k_250k", _("€50,000 – €250,000")
    OVER_250K = "over_250k", _("over €250,000")


def validate_spdx_licence(value: str) -> None:
    if value and value not in SPDX_LICENCES:
        raise ValidationError(
            _("“%(value)s” is not a known SPDX licence identifier, such as MIT, Apache-2.0, "
              "EUPL-1.2 or GPL-3.0-or-later."),
            params={"value": value},
        )


validate_repository_url = URLValidator(
    schemes=["http", "https"],
    message=_("Enter the repository's address starting with http:// or https://."),
)


SOLUTION_FACETS = [
    TOPIC_FACET,
    Facet("maturity", _("Maturity"), "maturity", choices=Maturity.choices),
    Facet("federal_state", _("Federal state"), "model_project__municipality__federal_state",
          choices=FederalState.choices),
    Facet("size_class", _("Size class"), "model_project__municipality__size_class",
          choices=SizeClass.choices, distance=size_distance),
    Facet("phase", _("Funding phase"), "model_project__funding_phase",
          choices=FundingPhase.choices),
    Facet("tag", _("Tag"), "tags__slug", value_model=SolutionTag, many=True),
]


class SolutionIndexPage(RepositoryIndexPage):
    subpage_types = ["repository.SolutionPage"]

    class Meta:
        verbose_name = _("solution index")
        verbose_name_plural = _("solution indexes")

    @property
    def facets(self) -> list[Facet]:
        return SOLUTION_FACETS

    def listing_queryset(self) -> QuerySet[SolutionPage]:
        """Every live solution in this language, wherever it sits in the page tree."""
        return (SolutionPage.objects.live().public().filter(locale_id=self.locale_id)
                .select_related("model_project__municipality", "image")
                .prefetch_related("image__renditions"))

    def get_context(self, request, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        facets = context["facets"]
        # The charts count the whole repository, whatever the filters, page or sort: counted
        # and rendered once per change of content (home.content_cache) and language, not
        # three aggregates over every solution and adoption and some 500 SVG values
        # formatted on each listing request.
        context["at_a_glance"] = remember(
            ("solution-charts", self.locale_id, translation.get_language(), request.path),
            lambda: render_to_string("repository/includes/at_a_glance.html", {
                "charts": repository_charts(
                    SolutionPage.objects.live().public().filter(locale_id=self.locale_id),
                    Maturity.choices,
                    Adoption.objects.public().exclude(status=AdoptionStatus.DROPPED),
                    facets, request.path)}))
        return context


class SolutionPage(RegisteredContextMixin, LocalizedChoicesMixin, PageImageMixin, Page):
    model_project = models.ForeignKey(
        "repository.ModelProjectPage", verbose_name=_("model project"),
        on_delete=models.PROTECT, related_name="solutions",
        help_text=_("The model project that developed the solution."),
    )
    summary = models.TextField(
        _("summary"), max_length=600, help_text=SUMMARY_HELP,
    )
    problem = RichTextField(_("problem"), features=TEXT_FEATURES)
    approach = RichTextField(_("approach"), features=TEXT_FEATURES)
    results = RichTextField(_("results"), features=TEXT_FEATURES, blank=True)
    lessons_learned = RichTextField(_("lessons learned"), features=TEXT_FEATURES, blank=True)
    prerequisites = RichTextField(_("prerequisites"), features=TEXT_FEATURES, blank=True)
    effort = models.CharField(_("effort"), max_length=10, choices=Effort.choices, blank=True)
    cost_range = models.CharField(
        _("cost range"), max_length=12, choices=CostRange.choices, blank=True,
    )
    operator_model = models.TextField(
        _("operator model"), blank=True,
        help_text=_("Who runs the solution: the municipality, a utility, a partner, …"),
    )
    maturity = models.CharField(
        _("maturity"), max_length=12, choices=Maturity.choices, default=Maturity.IDEA,
        help_text=_("P1 idea: described, not built. P2 prototype: built and tried out, not "
                    "yet in real use. P3 pilot: in real use for a limited time, place or "
                    "group. P4 regular operation: part of the municipality's everyday "
                    "service. P5 transferred: another municipality runs it too."),
    )
    repository_url = models.CharField(
        _("open-source repository"), max_length=300, blank=True,
        validators=[validate_repository_url],
    )
    licence = models.CharField(
        _("licence (SPDX identifier)"), max_length=40, blank=True,
        validators=[validate_spdx_licence],
        help_text=_("For example MIT, Apache-2.0, EUPL-1.2 or GPL-3.0-or-later."),
    )
    downloads = StreamField(
        [("download", DownloadBlock())], verbose_name=_("downloads"), blank=True,
        help_text=_("Documents another municipality needs: specifications, tenders, guides."),
    )
    topics = ParentalManyToManyField("repository.Topic", verbose_name=_("topics"), blank=True)
    tags = ClusterTaggableManager(through="repository.TaggedSolution", blank=True,
                                  verbose_name=_("tags"))
    contacts = ParentalManyToManyField(
        "home.ContactPerson", verbose_name=_("contact people"), blank=True,
    )
    # Kept by repository.freshness when the project team's report is accepted.
    last_confirmed = models.DateField(
        _("last confirmed"), null=True, blank=True,
        help_text=_("When the model project last confirmed the solution's state."),
    )
    ended_on = models.DateField(
        _("ended on"), null=True, blank=True,
        help_text=_("When the solution went out of operation; it stays in the repository, "
                    "marked as ended."),
    )
    ended_reason = models.TextField(_("why it ended"), blank=True, max_length=1000)

    parent_page_types = ["repository.SolutionIndexPage", "repository.ModelProjectPage"]
    base_form_class = SolutionPageForm
    subpage_types: list[str] = []

    content_panels = [
        *Page.content_panels,
        FieldPanel("model_project"),
        FieldPanel("summary"),
        FieldPanel("maturity"),
        IMAGE_PANEL,
        FieldPanel("problem"),
        FieldPanel("approach"),
        FieldPanel("results"),
        FieldPanel("lessons_learned"),
        MultiFieldPanel([
            FieldPanel("prerequisites"),
            FieldPanel("effort"),
            FieldPanel("cost_range"),
            FieldPanel("operator_model"),
        ], heading=_("Transferability")),
        MultiFieldPanel([FieldPanel("repository_url"), FieldPanel("licence")],
                        heading=_("Open source")),
        FieldPanel("downloads"),
        FieldPanel("topics"),
        FieldPanel("tags"),
        FieldPanel("contacts"),
        MultiFieldPanel([FieldPanel("last_confirmed"), FieldPanel("ended_on"),
                         FieldPanel("ended_reason")], heading=_("Freshness")),
    ]
    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("problem"),
        index.SearchField("approach"),
        index.SearchField("results"),
        index.FilterField("maturity"),
        index.FilterField("ended_on"),
    ]
    api_fields = [
        APIField("model_project"),
        APIField("summary"),
        APIField("maturity"),
        APIField("problem"),
        APIField("approach"),
        APIField("results"),
        APIField("lessons_learned"),
        APIField("prerequisites"),
        APIField("effort"),
        APIField("cost_range"),
        APIField("operator_model"),
        APIField("repository_url"),
        APIField("licence"),
        APIField("downloads", serializer=StreamBodyField()),
        APIField("topics", serializer=TopicsField(Topic)),
        APIField("tags", serializer=TagsField()),
        APIField("discussed_at", serializer=DiscussedAtField()),
        APIField("adoption_summary"),
        APIField("reuse_ledger"),
        APIField("last_confirmed"),
        APIField("freshness"),
        APIField("ended_on"),
        *IMAGE_API_FIELDS,
    ]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        SynchronizedField("model_project"),
        TranslatableField("summary"),
        TranslatableField("problem"),
        TranslatableField("approach"),
        TranslatableField("results"),
        TranslatableField("lessons_learned"),
        TranslatableField("prerequisites"),
        SynchronizedField("effort"),
        SynchronizedField("cost_range"),
        TranslatableField("operator_model"),
        SynchronizedField("maturity"),
        SynchronizedField("repository_url"),
        SynchronizedField("licence"),
        TranslatableField("downloads"),
        SynchronizedField("topics"),
        SynchronizedField("tags"),
        SynchronizedField("contacts"),
        SynchronizedField("last_confirmed"),
        SynchronizedField("ended_on"),
        SynchronizedField("ended_reason"),
        *IMAGE_TRANSLATABLE_FIELDS,
    ]

    class Meta:
        verbose_name = _("solution")
        verbose_name_plural = _("solutions")

    def adoptions(self) -> models.QuerySet[Adoption]:
        """Confirmed adoptions of this solution in any of its languages."""
        return Adoption.objects.public().filter(
            solution__translation_key=self.translation_key
        ).select_related("municipality")

    @property
    def freshness(self) -> str:
        """"confirmed", "unconfirmed" or "ended" (repository.freshness)."""
        return freshness_of(self)

    def ledger_entries(self) -> list[Adoption]:
        """The confirmed adoptions, read once per page object (the API's ledger and its
        summary share them)."""
        if not hasattr(self, "_ledger_entries"):
            self._ledger_entries = list(self.adoptions().order_by("municipality__name", "pk"))
        return self._ledger_entries

    @property
    def reuse_ledger(self) -> list[dict[str, Any]]:
        """The confirmed adoptions, each with its source (office, municipality, project)."""
        return [{"municipality": {"id": adoption.municipality.pk,
                                  "name": adoption.municipality.name,
                                  "ags": adoption.municipality.ags},
                 "status": adoption.status, "since": adoption.adopted_on,
                 "source": adoption.source, "reason": adoption.reason}
                for adoption in self.ledger_entries()]

    @property
    def adoption_summary(self) -> dict[str, Any]:
        entries = self.ledger_entries()
        return {
            "total": len(entries),
            "by_status": {status: sum(1 for adoption in entries if adoption.status == status)
                          for status in AdoptionStatus.values},
        }

    def recommendations(self, limit: int = 4) -> dict[str, list[SolutionPage]]:
        """"Municipalities like yours": other solutions that municipalities of the same
        size class or federal state as this solution's home adopted, and solutions on the
        same topics. A fixed number of queries, whatever the size of the ledger."""
        municipality = self.model_project.municipality
        # Ranked over the pages' own columns, then the few shown read with what a card
        # needs: sorting every candidate with its project, municipality and image joined
        # cost a tenth of a second at 10,000 solutions. The rankings depend on the
        # peers' size and state and on the topics, not on this page: kept per change of
        # content (home.content_cache) for every page that shares them, with room for
        # the pages left out here (this one, and the peers from the topic list).
        candidates = SolutionPage.objects.live().public().filter(locale_id=self.locale_id)
        adopted_by_peers = Adoption.objects.public().exclude(status=AdoptionStatus.DROPPED).filter(
            models.Q(municipality__size_class=municipality.size_class)
            | models.Q(municipality__federal_state=municipality.federal_state)
        ).values("solution__translation_key")
        peer_ranking = remember(
            ("peer-solutions", self.locale_id, municipality.size_class,
             municipality.federal_state, limit),
            lambda: list(candidates.filter(translation_key__in=adopted_by_peers)
                         .order_by("title").values_list("pk", flat=True)[:limit + 1]))
        peer_ids = [pk for pk in peer_ranking if pk != self.pk][:limit]
        topic_keys = tuple(sorted(str(key) for key in self.topics.values_list(
            "translation_key", flat=True)))
        topic_ranking = remember(
            ("same-topic-solutions", self.locale_id, topic_keys, limit),
            lambda: list(
                candidates.filter(topics__translation_key__in=topic_keys)
                .annotate(shared=models.Count("topics", distinct=True))
                .order_by("-shared", "title").values_list("pk", flat=True)[:2 * limit + 1]))
        related_ids = [pk for pk in topic_ranking
                       if pk != self.pk and pk not in peer_ids][:limit]
        shown = (SolutionPage.objects.select_related("model_project__municipality", "image")
                 .prefetch_related("image__renditions").in_bulk([*peer_ids, *related_ids]))
        peers = [shown[pk] for pk in peer_ids]
        related = [shown[pk] for pk in related_ids]
        return {"adopted_by_peers": peers, "same_topics": related}

    def localized_model_project(self) -> Page:
        return in_locale([self.model_project], self.locale_id)[0]

    def get_context(self, request, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        # The same for every visitor and changed only with content: read once per
        # generation of content (home.content_cache), nine queries otherwise. The
        # language is part of the key, as the locator map's labels are translated.
        context.update(remember(("solution-page", self.pk, translation.get_language()),
                                self.content_context))
        return context

    def content_context(self) -> dict[str, Any]:
        """What the page shows beside its own fields, as plain lists (cacheable)."""
        model_project = self.localized_model_project()
        ledger = list(self.adoptions().order_by("municipality__name"))
        return {
            "topics": list(self.localized_topics()),
            "contacts": list(self.localized_contacts()),
            "model_project": model_project,
            # The project's place among the states (its municipality is synchronised,
            # so the German project's is the same).
            "locator_map": model_project.locator_map() if model_project else None,
            # Whose peers the recommendations are (the German project's municipality).
            "project_municipality": self.model_project.municipality,
            "recommendations": self.recommendations(),
            "adoptions": [adoption for adoption in ledger
                          if adoption.status != AdoptionStatus.DROPPED],
            # What municipalities told with their reasons; an adoption the office
            # recorded as dropped stays out, as before.
            # The office's FAQ from questions to the implementers, in the page's language.
            "faq": list(FaqEntry.objects.filter(
                solution__translation_key=self.translation_key, locale_id=self.locale_id)),
            "decided_against": [adoption for adoption in ledger
                                if adoption.status == AdoptionStatus.DROPPED
                                and adoption.source != AdoptionSource.OFFICE],
        }
