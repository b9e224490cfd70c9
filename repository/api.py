"""Read-only API endpoints of the knowledge repository."""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.db.models import Case, QuerySet, When
from django.utils.translation import gettext as _
from rest_framework.exceptions import ParseError
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.models import Locale

from community.models import Municipality
from repository.facets import (
    Facet,
    InvalidFilter,
    facet_options,
    filter_queryset,
    selected_values,
)
from repository.models import ModelProjectPage, PublicationPage, SolutionPage, Topic
from repository.models.model_projects import MODEL_PROJECT_FACETS
from repository.models.publications import PUBLICATION_FACETS
from repository.models.solutions import SOLUTION_FACETS
from repository.similar_municipalities import like_municipality


class TopicsAPIViewSet(BaseAPIViewSet):
    """Topics in one language (`?locale=de`, the default, or `?locale=en`)."""

    model = Topic
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    body_fields = [*BaseAPIViewSet.body_fields, "name", "slug", "description", "colour"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "slug", "colour"]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale"])

    def get_queryset(self) -> QuerySet[Topic]:
        language = self.request.GET.get("locale", settings.LANGUAGE_CODE)
        return Topic.objects.filter(locale__language_code=language).order_by(
            "sort_order", "name"
        )


class FacetFilter(BaseFilterBackend):
    """Applies the listing facets of the viewset (`?topic=`, `?maturity=`, …) and answers
    400 with the allowed values for anything else."""

    def filter_queryset(self, request, queryset, view):
        language = request.GET.get("locale", settings.LANGUAGE_CODE)
        try:
            # The cached locales (home.content_cache); check_query has refused any
            # language the site does not offer.
            locale_id = Locale.objects.get_for_language(language).pk
        except Locale.DoesNotExist:
            locale_id = 0
        options = facet_options(view.facets, locale_id)
        try:
            chosen = selected_values(view.facets, request.GET, options)
        except InvalidFilter as invalid:
            raise BadRequestError(str(invalid)) from invalid
        return filter_queryset(view.facets, queryset, chosen)


def known_parameters(facets: Sequence[Facet]) -> frozenset[str]:
    return PagesAPIViewSet.known_query_parameters.union(facet.param for facet in facets)


class RepositoryPagesAPIViewSet(PagesAPIViewSet):
    """A pages endpoint for one repository page type, filtered by that type's facets."""

    facets: Sequence[Facet] = ()
    # Wagtail's search filter stays last: its results cannot be filtered further.
    filter_backends = [*PagesAPIViewSet.filter_backends[:-1], FacetFilter, SearchFilter]

    # Foreign keys the endpoint's fields show, joined instead of one query per item.
    related: tuple[str, ...] = ("locale", "image")

    def get_queryset(self) -> QuerySet:
        queryset = (super().get_queryset().select_related(*self.related)
                    .prefetch_related("topics"))
        fields = self.request.GET.get("fields", "")
        if self.action == "listing_view" and ("tags" in fields or "*" in fields):
            # Tags are a detail field; a listing that asks for them gets them in one
            # query rather than one per item.
            queryset = queryset.prefetch_related("tags")
        return queryset


LIKE_MUNICIPALITY = "like_municipality"


class LikeMunicipalityFilter(BaseFilterBackend):
    """``?like_municipality=<ags>``: the solutions that municipalities like the one with
    this official key run (repository.similar_municipalities), the best fit first; with
    the other filters applied as well. An AGS that is malformed or unknown answers 400."""

    def filter_queryset(self, request, queryset, view):
        ags = request.GET.get(LIKE_MUNICIPALITY)
        if ags is None:
            return queryset
        if not (len(ags) == 8 and ags.isascii() and ags.isdigit()):
            # A DRF error: its message reaches the client as it is, in its language.
            raise ParseError(_("like_municipality must be an official municipality key "
                               "(AGS) of 8 digits."))
        municipality = Municipality.objects.filter(ags=ags).first()
        if municipality is None:
            raise ParseError(_("There is no municipality with the key %(ags)s.")
                             % {"ags": ags})
        language = request.GET.get("locale", settings.LANGUAGE_CODE)
        locale_id = Locale.objects.get_for_language(language).pk
        ranked = like_municipality(municipality, locale_id).ranked_ids
        if not ranked:
            return queryset.none()
        return queryset.filter(pk__in=ranked).order_by(
            Case(*(When(pk=pk, then=place) for place, pk in enumerate(ranked))))


class SolutionsAPIViewSet(RepositoryPagesAPIViewSet):
    model = SolutionPage
    facets = SOLUTION_FACETS
    related = (*RepositoryPagesAPIViewSet.related, "model_project")
    filter_backends = [*RepositoryPagesAPIViewSet.filter_backends[:-1],
                       LikeMunicipalityFilter, SearchFilter]
    known_query_parameters = known_parameters(SOLUTION_FACETS) | {LIKE_MUNICIPALITY}
    # Read by config.api_schema (drf-spectacular cannot decorate Wagtail's listing_view).
    documented_query_parameters = {LIKE_MUNICIPALITY: (
        {"type": "string", "pattern": "^[0-9]{8}$"},
        "Official municipality key (AGS): the solutions that municipalities of its size "
        "class and the nearest ones (its federal state first) run, the best fit first. An "
        "unknown key answers 400.")}
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "summary", "maturity",
                              "topics"]


class ModelProjectsAPIViewSet(RepositoryPagesAPIViewSet):
    model = ModelProjectPage
    facets = MODEL_PROJECT_FACETS
    related = (*RepositoryPagesAPIViewSet.related, "municipality")
    known_query_parameters = known_parameters(MODEL_PROJECT_FACETS)
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "summary",
                              "municipality", "funding_phase", "topics"]


class PublicationsAPIViewSet(RepositoryPagesAPIViewSet):
    model = PublicationPage
    facets = PUBLICATION_FACETS
    related = (*RepositoryPagesAPIViewSet.related, "document")
    known_query_parameters = known_parameters(PUBLICATION_FACETS)
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "kind", "year",
                              "publisher", "topics"]
