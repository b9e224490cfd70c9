"""/api/v2/questions/: the public reads the questions the office took into a solution's
FAQ; a signed-in member also those of their circle (repository.questions.permissions),
and asks (session with CSRF, or a personal API token). The rules are the site form's."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.urls import path
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.request import Request
from rest_framework.response import Response
from wagtail.api.v2.views import BaseAPIViewSet

from community.api_schema import invalid
from community.discussions import author_name, posting_allowed
from community.discussions_api import CommunityAPIMixin
from home.api import MemberActionsMixin
from repository.models import Answer, FaqEntry, Question, SolutionPage
from repository.questions.api_schema import (
    QUESTIONS_PER_PAGE,
    QuestionBodySerializer,
    QuestionQuerySerializer,
    ask_schema,
    questions_schema,
)
from repository.questions.forms import QuestionForm
from repository.questions.permissions import visible_questions
from repository.questions.service import ask
from repository.questions.views import TOO_FAST


def question_data(question: Question) -> dict[str, Any]:
    """A question with its answers and FAQ texts (prefetched: no query of its own)."""
    return {"id": question.pk, "solution": question.solution_id,
            "solution_title": question.solution.title, "text": question.text,
            "asked_at": question.created_at, "promoted": question.promoted_at is not None,
            "helpful_answer": question.helpful_answer_id,
            "answers": [{"id": answer.pk, "text": answer.text,
                         "author": author_name(answer.author), "written_at": answer.created_at}
                        for answer in question.answers.all()],
            "faq": [{"language": entry.locale.language_code, "question": entry.question_text,
                     "answer": entry.answer_text} for entry in question.faq.all()]}


def with_answers(questions: Any) -> Any:
    return questions.select_related("solution").prefetch_related(
        Prefetch("answers", queryset=Answer.objects.filter(is_hidden=False)
                 .select_related("author__member_profile")),
        Prefetch("faq", queryset=FaqEntry.objects.select_related("locale")
                 .order_by("locale__language_code")))


class QuestionsAPIViewSet(MemberActionsMixin, CommunityAPIMixin, BaseAPIViewSet):
    model = Question
    name = "questions"
    member_actions = frozenset({"create_view"})

    @classmethod
    def get_urlpatterns(cls) -> list:
        return [path("", cls.as_view({"get": "listing_view", "post": "create_view"}),
                     name="listing")]

    @questions_schema
    def listing_view(self, request: Request) -> Response:
        query = QuestionQuerySerializer(data=request.GET)
        if not query.is_valid():
            return invalid(query)
        questions = visible_questions(request.user).order_by("-created_at", "-pk")
        if "solution" in query.validated_data:
            key = (SolutionPage.objects.filter(pk=query.validated_data["solution"])
                   .values("translation_key"))
            questions = questions.filter(solution__translation_key__in=key)
        page = Paginator(with_answers(questions), QUESTIONS_PER_PAGE).get_page(
            query.validated_data.get("page"))
        return Response({"meta": {"total_count": page.paginator.count, "page": page.number,
                                  "pages": page.paginator.num_pages},
                         "items": [question_data(question) for question in page]})

    @ask_schema
    def create_view(self, request: Request) -> Response:
        body = QuestionBodySerializer(data=request.data)
        if not body.is_valid():
            return invalid(body, _("The question could not be sent."))
        solution = (SolutionPage.objects.live().public()
                    .filter(pk=body.validated_data["solution"]).first())
        if solution is None:
            return Response({"message": _("There is no such solution.")}, status=404)
        form = QuestionForm({"text": body.validated_data["text"]})
        if not form.is_valid():
            return Response({"message": _("The question could not be sent."),
                             "errors": {name: [str(error) for error in errors]
                                        for name, errors in form.errors.items()}}, status=400)
        if not posting_allowed(request):
            raise exceptions.Throttled(detail=str(TOO_FAST))
        question = ask(solution, request.user, form.cleaned_data["text"])
        return Response(question_data(with_answers(Question.objects.filter(pk=question.pk))
                                      .get()), status=201)
