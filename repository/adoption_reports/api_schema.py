"""What /api/v2/adoption-reports/ takes and gives, as serializers: the request bodies are
validated with them, and /api/v2/schema/ describes the endpoint from them."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers

from home.api import (
    LARGEST_ID,
    ErrorSerializer,
    QuerySerializer,
    StrictBooleanField,
    StrictCharField,
    StrictIntegerField,
)
from repository.adoption_reports.forms import REASON_LENGTH, REPORTED_STATUSES
from repository.models.adoptions import AdoptionSource, AdoptionStatus, ReviewState

REPORTS_PER_PAGE = 50


class ReportQuerySerializer(QuerySerializer):
    solution = StrictIntegerField(min_value=1, max_value=LARGEST_ID, required=False,
                                  help_text="Id of a solution page (either language).")
    page = StrictIntegerField(min_value=1, max_value=LARGEST_ID, required=False)


class ReportBodySerializer(serializers.Serializer):
    solution = StrictIntegerField(min_value=1, max_value=LARGEST_ID,
                                  help_text="Id of the solution page (either language).")
    status = serializers.ChoiceField(choices=[value for value, _label in REPORTED_STATUSES],
                                     help_text="in_operation: we use this; in_progress: we "
                                               "are introducing this; dropped: we looked at "
                                               "it and decided against it (reason needed).")
    reason = StrictCharField(max_length=REASON_LENGTH, required=False, allow_blank=True)
    contact_name = StrictCharField(max_length=200, required=False, allow_blank=True)
    contact_email = serializers.EmailField(required=False, allow_blank=True)
    answers_questions = StrictBooleanField(
        required=False, default=False,
        help_text="The reporting member answers other municipalities' questions on the "
                  "solution (once the report is confirmed).")


class MunicipalityRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()
    ags = serializers.CharField()


class AdoptionReportSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    solution = serializers.IntegerField(help_text="Id of the solution in German.")
    solution_title = serializers.CharField()
    municipality = MunicipalityRefSerializer()
    status = serializers.ChoiceField(choices=AdoptionStatus.values)
    reason = serializers.CharField()
    contact_name = serializers.CharField()
    source = serializers.ChoiceField(choices=AdoptionSource.values)
    review_state = serializers.ChoiceField(choices=ReviewState.values)
    reported_at = serializers.DateTimeField()


class ReportMetaSerializer(serializers.Serializer):
    total_count = serializers.IntegerField(min_value=0)
    page = serializers.IntegerField(min_value=1)
    pages = serializers.IntegerField(min_value=1)


class AdoptionReportListSerializer(serializers.Serializer):
    meta = ReportMetaSerializer()
    items = AdoptionReportSerializer(many=True)


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


reports_schema = extend_schema(
    summary=f"Adoptions municipalities reported and the office or project confirmed, "
            f"{REPORTS_PER_PAGE} a page (pending and rejected reports are never listed)",
    parameters=[ReportQuerySerializer],
    responses={200: AdoptionReportListSerializer,
               400: _error("A parameter is not a valid number.")},
)
report_schema = extend_schema(
    summary="Report an adoption for the member's municipality (it waits for review)",
    request=ReportBodySerializer,
    responses={201: AdoptionReportSerializer,
               400: _error("A missing or wrong field, or the municipality has an entry "
                           "already or developed the solution."),
               401: _error("Not signed in."),
               403: _error("No municipality in the member's profile, or no CSRF token."),
               404: _error("No such solution."),
               429: _error("Too many reports in an hour.")},
)
