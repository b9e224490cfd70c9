"""What /api/v2/experts/ takes and gives, as serializers: the query is validated with
them, and /api/v2/schema/ describes the endpoint from them."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers

from community.api_schema import PageMetaSerializer
from community.models import FederalState, SizeClass
from home.api import ErrorSerializer, QuerySerializer, StrictCharField, StrictIntegerField
from repository.experts.directory import EXPERTS_PER_PAGE
from repository.experts.forms import LAST_PAGE, SEARCH_LENGTH


class ExpertQuerySerializer(QuerySerializer):
    q = StrictCharField(max_length=SEARCH_LENGTH, required=False, allow_blank=True,
                        help_text="Part of the name or of an expertise.")
    tag = serializers.SlugField(max_length=100, required=False, allow_unicode=True,
                                help_text="An expertise tag's slug.")
    state = serializers.ChoiceField(choices=FederalState.values, required=False,
                                    help_text="Federal state (two-digit key) of the "
                                              "expert's municipality.")
    size_class = serializers.ChoiceField(choices=SizeClass.values, required=False)
    topic = serializers.SlugField(max_length=100, required=False,
                                  help_text="A topic's slug: experts who built or run a "
                                            "solution on it.")
    page = StrictIntegerField(min_value=1, max_value=LAST_PAGE, required=False)


class LinkSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    url = serializers.CharField(allow_null=True)


class ExpertMunicipalitySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    ags = serializers.CharField()
    federal_state = serializers.CharField()
    size_class = serializers.CharField()


class ExpertSerializer(serializers.Serializer):
    id = serializers.IntegerField(help_text="The member's id (as in /members/<id>/).")
    name = serializers.CharField()
    role = serializers.CharField()
    organisation = serializers.CharField()
    municipality = ExpertMunicipalitySerializer(allow_null=True)
    expertise = serializers.ListField(child=serializers.CharField())
    built = LinkSerializer(many=True, help_text="Solutions their model project's team built.")
    runs = LinkSerializer(many=True, help_text="Solutions their municipality runs, with them "
                                                "as contact.")
    groups = LinkSerializer(many=True, help_text="Their peer groups that the requester may "
                                                  "see (public ones and the requester's own).")
    contact_url = serializers.CharField(help_text="The site's form that writes to them "
                                                  "(their e-mail address is never given).")


class ExpertListSerializer(serializers.Serializer):
    meta = PageMetaSerializer()
    items = ExpertSerializer(many=True)


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


experts_schema = extend_schema(
    summary=f"Members listed in the expert directory (signed-in members only), "
            f"{EXPERTS_PER_PAGE} a page",
    parameters=[ExpertQuerySerializer],
    responses={200: ExpertListSerializer, 400: _error("A parameter has a wrong value."),
               401: _error("Not signed in.")},
)
expert_schema = extend_schema(
    summary="One listed expert (signed-in members only)",
    responses={200: ExpertSerializer, 401: _error("Not signed in."),
               404: _error("No such member, or not listed.")},
)
