"""The reporting rounds in the API: rounds are public (title, dates, status); a report
is read by its project's team and the reviewers only (anyone else: 404 for one, an empty
list for all); indicators are public, in the language asked for (``?locale=en``); the
office's evaluation (repository.reporting.evaluation) is for those with its right only
(401 without credentials, 403 for anyone else)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from django.urls import path
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.exceptions import NotFound
from rest_framework.fields import Field, FloatField
from rest_framework.permissions import BasePermission
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from community.discussions_api import PersonalTokenAuthentication
from home.api import ErrorSerializer
from repository.models import (
    Indicator,
    IndicatorValue,
    Report,
    ReportingRound,
    ReportStatus,
    SolutionAnswer,
    Topic,
)
from repository.reporting import evaluation, permissions
from repository.reporting.models import MATURITY_STEPS

LARGEST_ID = 2**63 - 1


def _number(value: Any) -> float | None:
    return None if value is None else float(value)


class RoundField(Field):
    def to_representation(self, value: ReportingRound) -> dict[str, Any]:
        return {"id": value.pk, "title": value.title, "due_on": value.due_on.isoformat()}


class ProjectField(Field):
    def to_representation(self, value: Any) -> dict[str, Any]:
        return {"id": value.pk, "title": value.title}


class QuestionAnswersField(Field):
    """The round's questions with the team's answers, in order."""

    def get_attribute(self, instance: Report) -> Report:
        return instance

    def to_representation(self, report: Report) -> list[dict[str, str]]:
        given = list(report.answers)
        return [{"question": question, "answer": given[index] if index < len(given) else ""}
                for index, question in enumerate(report.round.question_list())]


class SolutionAnswersField(Field):
    def get_attribute(self, instance: Report) -> list[SolutionAnswer]:
        return list(instance.solution_answers.all())

    def to_representation(self, answers: list[SolutionAnswer]) -> list[dict[str, Any]]:
        return [{
            "solution": {"id": answer.solution_id, "title": answer.solution.title},
            "maturity": answer.maturity or None,
            "maturity_step": MATURITY_STEPS.get(answer.maturity),
            "operation": answer.operation or None,
            "operation_note": answer.operation_note,
            "costs_so_far": _number(answer.costs_so_far),
            "lessons": answer.lessons,
            "adoptions_known": answer.adoptions_known,
            "indicators": [{"indicator": value.indicator_id, "name": value.indicator.name,
                            "unit": value.indicator.unit, "value": _number(value.value)}
                           for value in answer.indicator_values.all()],
        } for answer in answers]


class ReportingRoundsAPIViewSet(BaseAPIViewSet):
    """Reporting rounds of the model projects: title, dates and status (`upcoming`,
    `open`, `closed`). Public."""

    model = ReportingRound
    filter_backends = [FieldsFilter, OrderingFilter]
    body_fields = [*BaseAPIViewSet.body_fields, "title", "opens_on", "due_on", "status",
                   "intro", "questions"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "title", "opens_on",
                              "due_on", "status"]
    nested_default_fields = [*BaseAPIViewSet.nested_default_fields, "title"]

    def get_queryset(self) -> QuerySet[ReportingRound]:
        return ReportingRound.objects.order_by("-opens_on", "pk")

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        return [field for field in fields if field in ("id", "title")] if db_fields_only \
            else fields


class ReportsAPIViewSet(BaseAPIViewSet):
    """Reports of the model projects, for the project's team and the office's
    reviewers only (signed in, or with a personal token): anyone else finds none.
    `?round=<id>` and `?status=` narrow the list."""

    model = Report
    authentication_classes = [PersonalTokenAuthentication, SessionAuthentication]
    filter_backends = [FieldsFilter, OrderingFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["round"])
    body_fields = [*BaseAPIViewSet.body_fields,
                   APIField("round", serializer=RoundField(read_only=True)),
                   APIField("project", serializer=ProjectField(read_only=True)),
                   "status", "progress",
                   APIField("questions", serializer=QuestionAnswersField(read_only=True)),
                   APIField("solutions", serializer=SolutionAnswersField(read_only=True)),
                   "review_comment", "changed_at", "submitted_at", "reviewed_at"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "round", "project",
                              "status", "changed_at"]

    def get_queryset(self) -> QuerySet[Report]:
        reports = (permissions.visible_reports(self.request.user)
                   .select_related("round", "project").order_by("-round__opens_on", "pk"))
        chosen = self.request.GET.get("round")
        if chosen is not None:
            if not (chosen.isascii() and chosen.isdigit() and int(chosen) <= LARGEST_ID):
                raise BadRequestError("round must be a positive integer")
            reports = reports.filter(round_id=int(chosen))
        status = self.request.GET.get("status")
        if status is not None and status not in ReportStatus.values:
            raise BadRequestError(f"status must be one of: {', '.join(ReportStatus.values)}")
        if self.action == "detail_view" or "solutions" in self.request.GET.get("fields", ""):
            reports = reports.prefetch_related(Prefetch(
                "solution_answers", SolutionAnswer.objects.select_related("solution")
                .prefetch_related(Prefetch("indicator_values", IndicatorValue.objects
                                           .select_related("indicator")))))
        return reports

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        return [field for field in fields if field in ("id", "status")] if db_fields_only \
            else fields


class TopicField(Field):
    """The indicator's field of action in the indicator's language (a translation points
    at the German topic: the choice is synchronised); the topics of a language are read
    once per listing."""

    def get_attribute(self, instance: Indicator) -> Indicator:
        return instance

    def to_representation(self, indicator: Indicator) -> dict[str, str]:
        topic = indicator.topic
        if topic.locale_id != indicator.locale_id:
            cache = self.context.setdefault("indicator_topics", {})
            if indicator.locale_id not in cache:
                cache[indicator.locale_id] = {one.translation_key: one for one in
                                              Topic.objects.filter(locale_id=indicator.locale_id)}
            topic = cache[indicator.locale_id].get(topic.translation_key, topic)
        return topic.api_representation()


class IndicatorsAPIViewSet(BaseAPIViewSet):
    """Key figures the model projects report per field of action, with unit and target,
    in one language (`?locale=de`, the default, or `?locale=en`); `?topic=<slug>`."""

    model = Indicator
    filter_backends = [FieldsFilter, OrderingFilter]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale", "topic"])
    body_fields = [*BaseAPIViewSet.body_fields, "name", "unit",
                   APIField("target", serializer=FloatField(read_only=True, allow_null=True)),
                   "description", APIField("topic", serializer=TopicField(read_only=True))]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "unit",
                              "target", "topic"]

    def get_queryset(self) -> QuerySet[Indicator]:
        language = self.request.GET.get("locale", settings.LANGUAGE_CODE)
        indicators = (Indicator.objects.filter(locale__language_code=language)
                      .select_related("topic").order_by("topic__sort_order", "sort_order",
                                                        "name", "pk"))
        topic = self.request.GET.get("topic")
        if topic is not None:
            indicators = indicators.filter(topic__slug=topic)
        return indicators

    @classmethod
    def get_available_fields(cls, model, db_fields_only=False):
        fields = super().get_available_fields(model, db_fields_only=db_fields_only)
        return [field for field in fields if field in ("id", "name")] if db_fields_only \
            else fields


class CanSeeEvaluation(BasePermission):
    """The evaluation's own right (editors, the evaluation partner): anyone else is
    refused, 401 without credentials and 403 with them."""

    message = gettext_lazy("Only the office and its evaluation partner see the evaluation.")

    def has_permission(self, request: Request, view: Any) -> bool:
        return permissions.can_see_evaluation(request.user)


def _move(move: evaluation.Move) -> dict[str, Any]:
    return {"from": move.previous, "from_step": MATURITY_STEPS[move.previous],
            "to": move.new, "to_step": MATURITY_STEPS[move.new], "count": move.count}


def serialize_evaluation(result: evaluation.Evaluation) -> dict[str, Any]:
    return {
        "rounds": [{
            "id": one.round.pk, "title": one.round.title,
            "opens_on": one.round.opens_on.isoformat(),
            "due_on": one.round.due_on.isoformat(), "status": one.round.status,
            "reports": one.reports,
            "moves": [_move(move) for move in one.moves],
            "confirmed_at_same_step": one.unchanged,
            **{f"moves_by_{dimension}": [{"key": move.key, "label": move.group, **_move(move)}
                                         for move in one.moves_by[dimension]]
               for dimension in evaluation.DIMENSIONS},
            "ended": [{"solution": {"id": ended.solution_id, "title": ended.title},
                       "project": ended.project, "reason": ended.reason}
                      for ended in one.ended],
        } for one in result.rounds],
        "adoptions": {
            "over_time": [{"year": one.year, "size_class": one.size_class,
                           "source": one.source, "count": one.count}
                          for one in result.adoptions_over_time],
            "by_solution": [{"solution": {"id": one.solution_id, "title": one.title},
                             "by_source": one.by_source, "total": one.total}
                            for one in result.adoptions_by_solution],
        },
    }


class EvaluationSerializer(serializers.Serializer):
    """What /api/v2/evaluation/ answers (for the schema)."""

    rounds = serializers.ListField(child=serializers.DictField(), help_text=(
        "Per round, newest first: id, title, opens_on, due_on, status; reports (status → "
        "count); moves (from, from_step, to, to_step, count), counted from accepted "
        "reports; confirmed_at_same_step; moves_by_field_of_action, moves_by_federal_state "
        "and moves_by_funding_phase (key, label and the move); ended (solution with id and "
        "title, project, reason)"))
    adoptions = serializers.DictField(help_text=(
        "over_time (year, size_class, source, count) and by_solution (solution with id and "
        "title, by_source: source → count, total); confirmed adoptions, without dropped "
        "ones; the sources are office, municipality and project"))


class EvaluationAPIViewSet(BaseAPIViewSet):
    """The office's evaluation of the reporting rounds, for editors and the evaluation
    partner (a personal token or a session): per round the reports by status, the
    maturity moves by field of action, federal state and funding phase, the solutions
    ended; and the adoptions over time, per size class, source and solution. `?round=<id>`
    narrows it to one round; names follow `?locale=`."""

    model = ReportingRound
    name = "evaluation"
    authentication_classes = [PersonalTokenAuthentication, SessionAuthentication]
    permission_classes = [CanSeeEvaluation]
    known_query_parameters = frozenset(["round", "locale", "format"])

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [path("", cls.as_view({"get": "evaluation_view"}), name="listing")]

    @extend_schema(
        summary="The evaluation of the reporting rounds",
        parameters=[
            OpenApiParameter("round", {"type": "integer", "minimum": 1,
                                       "maximum": LARGEST_ID},
                             description="Only this round (its id)."),
            OpenApiParameter("locale", str, enum=[code for code, _name in settings.LANGUAGES],
                             description="The language of the names (fields of action, "
                                         "federal states, solutions)."),
        ],
        responses={
            200: EvaluationSerializer,
            400: OpenApiResponse(ErrorSerializer, description="A round that is no id, or an "
                                 "unknown parameter"),
            401: OpenApiResponse(ErrorSerializer, description="Not signed in"),
            403: OpenApiResponse(ErrorSerializer, description="Neither the office nor its "
                                 "evaluation partner"),
            404: OpenApiResponse(ErrorSerializer, description="There is no such round"),
        })
    def evaluation_view(self, request: Request) -> Response:
        unknown = set(request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError("query parameter is not an operation or a recognised "
                                  f"field: {', '.join(sorted(unknown))[:100]}")
        rounds = ReportingRound.objects.order_by("-opens_on", "-pk")
        chosen = request.GET.get("round")
        if chosen is not None:
            if not (chosen.isascii() and chosen.isdigit()
                    and 1 <= int(chosen[:20]) <= LARGEST_ID):
                raise BadRequestError("round must be a positive integer")
            rounds = rounds.filter(pk=int(chosen))
        locale = request.GET.get("locale")  # a known language (config.api.check_query)
        with translation.override(locale or translation.get_language()):
            result = evaluation.evaluate(rounds)
            body = serialize_evaluation(result)
        if chosen is not None and not result.rounds:
            raise NotFound(_("There is no such reporting round."))
        return Response(body)
