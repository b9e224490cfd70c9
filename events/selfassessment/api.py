"""The self-assessment as JSON: GET /api/v2/self-assessment/ answers the questionnaire
(questions, answers, topics and the stages, in the request's language); POST the answers
to get the score, the stage and the next steps back (400 with messages per field on bad
input). No account needed: an anonymous result is only answered, never stored; a
signed-in member's (session or personal token) is kept in the account as on the site."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet
from wagtail.models import Locale

from community.discussions_api import PersonalTokenAuthentication
from community.models import FederalState, SizeClass
from events.interest.api import invalid
from events.selfassessment import service
from events.selfassessment.forms import SelfAssessmentForm
from events.selfassessment.models import MaturityStage
from events.selfassessment.questionnaire import QUESTIONS
from home.api import (
    LARGEST_ID,
    ErrorSerializer,
    JSONObjectParser,
    StrictCharField,
    StrictChoiceField,
    StrictIntegerField,
)
from repository.models import Topic
from repository.models.base import in_locale


class AnswersSerializer(serializers.Serializer):
    """One answer per question (its value), where the municipality stands, and the
    fields of action of interest. Typed and bounded here; the site's form then checks
    what needs the database (municipality, topics) for both ways in."""

    municipality = StrictIntegerField(
        min_value=1, max_value=LARGEST_ID, required=False, allow_null=True,
        help_text="Id from /municipalities/; tells the size class and federal state.")
    size_class = StrictChoiceField(choices=SizeClass.choices, required=False,
                                   allow_null=True, allow_blank=True,
                                   help_text="Without a municipality.")
    federal_state = StrictChoiceField(choices=FederalState.choices, required=False,
                                      allow_null=True, allow_blank=True,
                                      help_text="Without a municipality.")
    topics = serializers.ListField(child=StrictCharField(max_length=100), required=False,
                                   allow_null=True, max_length=50,
                                   help_text="Topic slugs (the same in every language).")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.key] = StrictChoiceField(
                choices=[answer.value for answer in question.answers],
                help_text=str(question.text))

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        unknown = sorted(set(data) - set(self.fields))
        if unknown:
            raise serializers.ValidationError({name: [_("Unknown field.")] for name in unknown})
        return super().to_internal_value(data)


class QuestionnaireSerializer(serializers.Serializer):
    questions = serializers.ListField(child=serializers.DictField(), help_text=(
        "key, area, text, answers (value, label, points); in the request's language"))
    topics = serializers.ListField(child=serializers.DictField(),
                                   help_text="slug and name of every field of action")
    stages = serializers.ListField(child=serializers.DictField(),
                                   help_text="code, name, description, threshold")
    max_score = serializers.IntegerField()


class ResultSerializer(serializers.Serializer):
    score = serializers.IntegerField(min_value=0, max_value=100)
    stage = serializers.DictField(allow_null=True,
                                  help_text="code, name, description, next_steps")
    next_steps = serializers.DictField(help_text=(
        "formats (value, label), events and series (id, title, url, format, start), "
        "solutions (id, title, url, municipality, adopters), peer_groups (id, title, url, "
        "topic), interest_url (the expression of interest pre-filled)"))
    kept_in_account = serializers.BooleanField()


def _page(page: Any, request: Request, **extra: Any) -> dict[str, Any]:
    return {"id": page.pk, "title": page.title, "url": page.get_full_url(request), **extra}


def _stage(stage: MaturityStage | None) -> dict[str, Any] | None:
    if stage is None:
        return None
    return {"code": stage.code, "name": stage.name, "description": stage.description,
            "next_steps": stage.next_steps, "threshold": stage.threshold}


def _next_steps(steps: dict[str, Any], request: Request) -> dict[str, Any]:
    return {
        "formats": [{"value": item["value"], "label": str(item["label"])}
                    for item in steps["formats"]],
        "events": [_page(event, request, format=event.format,
                         start=timezone.localtime(event.start).isoformat())
                   for event in steps["events"]],
        "series": [_page(series, request, format=series.format) for series in steps["series"]],
        "solutions": [_page(item.solution, request,
                            municipality=item.solution.model_project.municipality.name,
                            adopters=[adopter.name for adopter in item.adopters])
                      for item in steps["solutions"]],
        "peer_groups": [_page(group, request, topic=group.topic)
                        for group in steps["peer_groups"]],
        "interest_url": request.build_absolute_uri(steps["interest_url"]),
    }


class SelfAssessmentAPIViewSet(BaseAPIViewSet):
    model = MaturityStage
    name = "self-assessment"
    parser_classes = [JSONObjectParser]
    authentication_classes = [PersonalTokenAuthentication, SessionAuthentication]
    permission_classes = [AllowAny]

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [path("", cls.as_view({"get": "questionnaire_view", "post": "assess_view"}),
                     name="listing")]

    @extend_schema(
        summary="The self-assessment's questions",
        description="The questions with their answers, the fields of action and the "
                    "stages of the maturity path, in the request's language.",
        responses={200: QuestionnaireSerializer})
    def questionnaire_view(self, request: Request) -> Response:
        language = translation.get_language()
        topics = Topic.objects.filter(locale__language_code=language).order_by(
            "sort_order", "name")
        # The office's stages are kept in the default language, shown in the request's.
        stages = in_locale(
            MaturityStage.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .order_by("threshold", "code"), Locale.objects.get_for_language(language).pk)
        return Response({
            "questions": [
                {"key": question.key, "area": str(question.area), "text": str(question.text),
                 "answers": [{"value": answer.value, "label": str(answer.label),
                              "points": answer.points} for answer in question.answers]}
                for question in QUESTIONS],
            "topics": [{"slug": topic.slug, "name": topic.name} for topic in topics],
            "stages": [_stage(stage) for stage in stages],
            "max_score": 100,
        })

    @extend_schema(
        summary="Assess a municipality: the stage and the next steps",
        description="No account needed; an anonymous result is answered and not stored. "
                    "A signed-in member's is kept in the account, replacing the last.",
        request=AnswersSerializer,
        responses={
            200: OpenApiResponse(ResultSerializer, description="The result"),
            400: OpenApiResponse(ErrorSerializer, description="A missing or unknown answer, "
                                 "unknown municipality or topic, a wrong type or an "
                                 "unknown field"),
            403: OpenApiResponse(ErrorSerializer, description="Signed in with a session "
                                 "but without the CSRF token"),
            415: OpenApiResponse(ErrorSerializer, description="The body is not JSON"),
        })
    def assess_view(self, request: Request) -> Response:
        body = AnswersSerializer(data=request.data)  # JSON objects only (parser)
        if not body.is_valid():
            return invalid({name: [str(text) for text in messages]
                            for name, messages in body.errors.items()},
                           _("The answers could not be assessed."))
        data = {name: value for name, value in body.validated_data.items()
                if value is not None}
        form = SelfAssessmentForm({**data, "topics": data.get("topics") or []})
        if not form.is_valid():
            return invalid({name: [str(message) for message in messages]
                            for name, messages in form.errors.items()},
                           _("The answers could not be assessed."))
        assessment = service.Assessment.from_form(form.cleaned_data)
        language = translation.get_language()
        stage = service.stage_for(assessment.score, language)
        if request.user.is_authenticated:
            service.keep_for_member(request.user, assessment, stage)
        return Response({
            "score": assessment.score, "stage": _stage(stage),
            "next_steps": _next_steps(service.next_steps(assessment, stage, language),
                                      request),
            "kept_in_account": request.user.is_authenticated,
        })
