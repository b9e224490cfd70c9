"""The headless API for municipalities: /api/v2/municipalities/ (read only).

Filters: ``?federal_state=08``, ``?size_class=kleinstadt``, ``?kind=district``,
``?ags=08421000``, ``?name=Ulm``; ``?search=`` searches names and keys;
``?order=`` sorts by name (the default), population, federal state, …;
``find/?ags=08421000`` redirects to the municipality with that key.
"""

from __future__ import annotations

from django.db.models import QuerySet
from rest_framework.fields import FloatField
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from community.models import FederalState, Municipality, MunicipalityKind, SizeClass

# Fields a client may filter and sort by. Coordinates and the website are left out:
# an exact match on them means nothing, and Wagtail would hand an unparsable decimal
# straight to the database.
FILTER_FIELDS = ("id", "name", "ags", "federal_state", "kind", "size_class", "population")

# Wagtail compares a choice field's value with the column as it is; a value outside the
# choices would quietly answer an empty list instead of telling the client its mistake.
CHOICE_FILTERS = {
    "federal_state": FederalState.values,
    "kind": MunicipalityKind.values,
    "size_class": SizeClass.values,
}

LARGEST_POPULATION = 2**31 - 1

MUNICIPALITY_FIELDS = [
    "name",
    "ags",
    "federal_state",
    "federal_state_name",
    "kind",
    "size_class",
    "population",
    # Numbers, as maps want them (Django would send decimals as strings).
    APIField("latitude", serializer=FloatField(read_only=True)),
    APIField("longitude", serializer=FloatField(read_only=True)),
    "website",
]


class MunicipalitiesAPIViewSet(BaseAPIViewSet):
    model = Municipality
    name = "municipalities"
    filter_backends = [
        FieldsFilter,
        OrderingFilter,
        SearchFilter,  # last: search results cannot be filtered further
    ]
    body_fields = [*BaseAPIViewSet.body_fields, *MUNICIPALITY_FIELDS]
    listing_default_fields = [
        *BaseAPIViewSet.listing_default_fields,
        *(getattr(field, "name", field) for field in MUNICIPALITY_FIELDS),
    ]
    nested_default_fields = [*BaseAPIViewSet.nested_default_fields, "name", "ags"]

    find_query_parameters = BaseAPIViewSet.find_query_parameters.union(["ags"])

    def get_queryset(self) -> QuerySet:
        return Municipality.objects.order_by("name", "id")

    def find_object(self, queryset: QuerySet, request) -> Municipality | None:
        """``find/?ags=08421000`` redirects to the municipality with that key."""
        if "ags" in request.GET:
            return queryset.filter(ags=request.GET["ags"]).first()
        return super().find_object(queryset, request)

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        if db_fields_only:
            return [field for field in fields if field in FILTER_FIELDS]
        return fields

    def check_query_parameters(self, queryset: QuerySet) -> None:
        super().check_query_parameters(queryset)
        for name, allowed in CHOICE_FILTERS.items():
            value = self.request.GET.get(name)
            if value is not None and value not in allowed:
                raise BadRequestError(f"{name} must be one of: {', '.join(allowed)}")
        population = self.request.GET.get("population")
        if population is not None and not (
            population.isascii() and population.isdigit()
            and int(population) <= LARGEST_POPULATION
        ):
            raise BadRequestError("population must be a positive integer")
