"""What /api/v2/questions/ takes and gives, as serializers: the request bodies are
validated with them, and /api/v2/schema/ describes the endpoint from them."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers

from community.api_schema import PageMetaSerializer
from home.api import (
    LARGEST_ID,
    ErrorSerializer,
    QuerySerializer,
    StrictCharField,
    StrictIntegerField,
)
from repository.models.questions import QUESTION_LENGTH

QUESTIONS_PER_PAGE = 50


class QuestionQuerySerializer(QuerySerializer):
    solution = StrictIntegerField(min_value=1, max_value=LARGEST_ID, required=False,
                                  help_text="Id of a solution page (either language).")
    page = StrictIntegerField(min_value=1, max_value=LARGEST_ID, required=False)


class QuestionBodySerializer(serializers.Serializer):
    solution = StrictIntegerField(min_value=1, max_value=LARGEST_ID,
                                  help_text="Id of the solution page (either language).")
    text = StrictCharField(max_length=QUESTION_LENGTH, help_text="The question.")


class AnswerSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    text = serializers.CharField()
    author = serializers.CharField(help_text="The author's name on the platform.")
    written_at = serializers.DateTimeField()


class FaqTextSerializer(serializers.Serializer):
    language = serializers.CharField()
    question = serializers.CharField()
    answer = serializers.CharField()


class QuestionSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    solution = serializers.IntegerField(help_text="Id of the solution in German.")
    solution_title = serializers.CharField()
    text = serializers.CharField()
    asked_at = serializers.DateTimeField()
    promoted = serializers.BooleanField(help_text="In the solution's public FAQ.")
    helpful_answer = serializers.IntegerField(allow_null=True,
                                              help_text="The answer the asker chose.")
    answers = AnswerSerializer(many=True)
    faq = FaqTextSerializer(many=True, help_text="The FAQ entry in each language, as "
                                                 "the office published it.")


class QuestionListSerializer(serializers.Serializer):
    meta = PageMetaSerializer()
    items = QuestionSerializer(many=True)


def _error(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


questions_schema = extend_schema(
    summary=f"Questions to a solution's implementers, {QUESTIONS_PER_PAGE} a page: for "
            f"everyone those the office took into the FAQ; for a signed-in member also "
            f"those they asked or may answer",
    parameters=[QuestionQuerySerializer],
    responses={200: QuestionListSerializer,
               400: _error("A parameter is not a valid number.")},
)
ask_schema = extend_schema(
    summary="Ask the solution's project team and the adopters who answer questions",
    request=QuestionBodySerializer,
    responses={201: QuestionSerializer,
               400: _error("A missing or wrong field."),
               401: _error("Not signed in."),
               403: _error("No CSRF token."),
               404: _error("No such solution."),
               429: _error("Too many posts in a minute.")},
)
