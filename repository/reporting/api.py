"""The reporting rounds in the API: rounds are public (title, dates, status); a report
is read by its project's team and the reviewers only (anyone else: 404 for one, an empty
list for all); indicators are public, in the language asked for (``?locale=en``)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Prefetch, QuerySet
from rest_framework.authentication import SessionAuthentication
from rest_framework.fields import Field, FloatField
from wagtail.api import APIField
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet

from community.discussions_api import PersonalTokenAuthentication
from repository.models import (
    Indicator,
    IndicatorValue,
    Report,
    ReportingRound,
    ReportStatus,
    SolutionAnswer,
    Topic,
)
from repository.reporting import permissions
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
