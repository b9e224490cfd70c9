"""The office's side in the admin: every question with its state, promoting an answered
one into the solution's FAQ (in both languages), hiding a question or an answer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from home.admin_lists import ListColumn, list_columns
from home.api import parse_id
from repository.models import Answer, Question
from repository.questions.forms import PromotionForm
from repository.questions.permissions import is_editor
from repository.questions.service import QuestionRefused, promote, set_hidden

PER_PAGE = 50
COLUMNS = list_columns(
    ListColumn("question", gettext_lazy("Question")),
    ListColumn("solution", gettext_lazy("Solution")),
    ListColumn("asked", gettext_lazy("Asked")),
    ListColumn("answers", gettext_lazy("Answers")),
    ListColumn("state", gettext_lazy("State")),
    ListColumn("actions", gettext_lazy("Actions")))
SHOWN = {
    "waiting": lambda questions: questions.waiting_too_long(),
    "open": lambda questions: questions.filter(promoted_at__isnull=True, is_hidden=False),
    "faq": lambda questions: questions.filter(promoted_at__isnull=False),
    "hidden": lambda questions: questions.filter(is_hidden=True),
}


def questions_list(request: HttpRequest) -> HttpResponse:
    if not is_editor(request.user):
        raise PermissionDenied
    shown = request.GET.get("shown", "open")
    if shown not in SHOWN:
        shown = "open"
    questions = (SHOWN[shown](Question.objects.all())
                 .select_related("solution", "asker__member_profile", "helpful_answer")
                 .annotate(answer_count=Count("answers", filter=Q(answers__is_hidden=False)))
                 .order_by("created_at", "pk"))
    page = Paginator(questions, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(request, "repository/admin/questions.html", {
        "rows": list(page), "page_obj": page, "shown": shown, **COLUMNS,
        "header_title": _("Questions to the implementers"),
        "page_title": _("Questions to the implementers"), "header_icon": "help",
    })


def initial_texts(question: Question) -> dict[str, str]:
    """The asker's question and the chosen (else the first) answer, as the office's
    starting point in the question's language; the other language is left to the office."""
    chosen = question.helpful_answer or question.answers.filter(is_hidden=False).first()
    return {"question_de": question.text, "answer_de": chosen.text if chosen else ""}


def promote_question(request: HttpRequest, question_id: int) -> HttpResponse:
    if not is_editor(request.user):
        raise PermissionDenied
    question = get_object_or_404(Question.objects.select_related("solution", "helpful_answer"),
                                 pk=question_id)
    form = PromotionForm(request.POST or None, initial=initial_texts(question))
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                promote(question, request.user, form.texts())
            except QuestionRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("The question is in the FAQ of “%(solution)s”.")
                                 % {"solution": question.solution.title})
                return redirect(reverse("repository_questions:list") + "?shown=faq")
        status = 400
    answers = question.answers.select_related("author__member_profile")
    return TemplateResponse(request, "repository/admin/question_promote.html", {
        "question": question, "answers": answers, "form": form,
        "solution": question.solution,
        "header_title": _("Into the FAQ"), "page_title": _("Into the FAQ"),
        "header_icon": "help",
    }, status=status)


def hide(request: HttpRequest, question_id: int) -> HttpResponse:
    """POST hidden=1|0, optionally answer=<id>: hides (or shows) the question or one of
    its answers."""
    if not is_editor(request.user):
        raise PermissionDenied
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    question = get_object_or_404(Question, pk=question_id)
    item: Any = question
    if request.POST.get("answer"):
        answer_id = parse_id(request.POST["answer"])
        item = (Answer.objects.filter(question=question, pk=answer_id).first()
                if answer_id else None)
        if item is None:
            messages.error(request, _("There is no such answer."))
            return redirect(reverse("repository_questions:list"))
    hidden = request.POST.get("hidden") == "1"
    set_hidden(item, hidden, request.user)
    messages.success(request, _("Hidden.") if hidden else _("Shown again."))
    return redirect(reverse("repository_questions:list") + ("?shown=hidden" if hidden else ""))


def unanswered_count(user: Any) -> int:
    return Question.objects.waiting_too_long().count() if is_editor(user) else 0

