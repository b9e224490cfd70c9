"""The member's side, without JavaScript: the question form on the solution page (and on
its own page, where errors are shown), the question's page with its answers, answering
and choosing the most helpful answer."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from community.discussions import TOO_MANY_REPORTS, author_name, posting_allowed, reporting_allowed
from community.forms import ReportForm
from home.api import parse_id
from repository.models import Answer, Question, SolutionPage
from repository.questions import moderation
from repository.questions.forms import AnswerForm, QuestionForm
from repository.questions.permissions import is_editor, is_member, may_answer, visible_questions
from repository.questions.service import QuestionRefused, answer, ask, mark_helpful

ASK_TEMPLATE = "repository/questions/ask.html"
QUESTION_TEMPLATE = "repository/questions/question.html"
TOO_FAST = gettext_lazy("You are posting very fast. Please wait a minute and send again.")


def questions_context(request: HttpRequest, solution: SolutionPage) -> dict[str, Any]:
    """What the solution page shows about asking: to anonymous readers a way to sign in
    (so their page stays in the page cache), to members the form and the questions on
    this solution they may read that are not in the FAQ (one query)."""
    if not is_member(request.user):
        return {"sign_in_url": f"{reverse('community:login')}?next={solution.url}"}
    open_questions = (visible_questions(request.user)
                      .filter(solution__translation_key=solution.translation_key,
                              promoted_at__isnull=True)
                      .annotate(answer_count=Count("answers", filter=Q(answers__is_hidden=False)))
                      .order_by("-created_at", "-pk"))
    return {"form": QuestionForm(), "action": reverse("repository:ask_question",
                                                      args=[solution.pk]),
            "questions": list(open_questions)}


@login_required
@require_http_methods(["GET", "POST"])
def ask_question(request: HttpRequest, solution_id: int) -> HttpResponse:
    solution = get_object_or_404(SolutionPage.objects.live().public(), pk=solution_id)
    context = {"page": solution, "questions": questions_context(request, solution)}
    if request.method == "GET":
        return render(request, ASK_TEMPLATE, context)
    form = context["questions"]["form"] = QuestionForm(request.POST)
    if not form.is_valid():
        return render(request, ASK_TEMPLATE, context, status=400)
    if not posting_allowed(request):
        form.add_error(None, str(TOO_FAST))
        return render(request, ASK_TEMPLATE, context, status=429)
    question = ask(solution, request.user, form.cleaned_data["text"])
    messages.success(request, _("Your question is sent to the model project's team and the "
                                "municipalities that answer questions. You will be told of "
                                "each answer."))
    return redirect(reverse("repository:question", args=[question.pk]))


def readable_question(request: HttpRequest, question_id: int) -> Question:
    """The question if the reader may read it; 404 otherwise, so that nobody learns
    that a question they may not read exists."""
    answers = Answer.objects.select_related("author__member_profile")
    if not is_editor(request.user):
        answers = answers.filter(is_hidden=False)
    question = (visible_questions(request.user)
                .select_related("solution", "asker__member_profile")
                .prefetch_related(Prefetch("answers", queryset=answers))
                .filter(pk=question_id).first())
    if question is None:
        raise Http404
    return question


def question_page(request: HttpRequest, question: Question, form: AnswerForm | None = None,
                  status: int = 200) -> HttpResponse:
    solution = question.solution.localized
    answerer = may_answer(request.user, question)
    user = request.user
    answers = [{"answer": item, "author": author_name(item.author),
                "may_report": moderation.may_report(user, item)}
               for item in question.answers.all()]
    return render(request, QUESTION_TEMPLATE, {
        "question": question, "solution": solution, "answers": answers,
        "asker": author_name(question.asker),
        "is_asker": request.user.is_authenticated and question.asker_id == request.user.pk,
        "form": form or (AnswerForm() if answerer else None),
        "is_editor": is_editor(request.user),
        "may_report": moderation.may_report(user, question),
    }, status=status)


def question_detail(request: HttpRequest, question_id: int) -> HttpResponse:
    return question_page(request, readable_question(request, question_id))


@login_required
@require_POST
def post_answer(request: HttpRequest, question_id: int) -> HttpResponse:
    question = readable_question(request, question_id)
    if not may_answer(request.user, question):
        return question_page(request, question, status=403)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return question_page(request, question, form, status=400)
    if not posting_allowed(request):
        form.add_error(None, str(TOO_FAST))
        return question_page(request, question, form, status=429)
    posted = answer(question, request.user, form.cleaned_data["text"])
    messages.success(request, _("Your answer is posted."))
    return redirect(reverse("repository:question", args=[question.pk]) + f"#answer-{posted.pk}")


@login_required
@require_POST
def choose_helpful(request: HttpRequest, question_id: int) -> HttpResponse:
    question = readable_question(request, question_id)
    answer_id = parse_id(request.POST.get("answer"))
    chosen = next((item for item in question.answers.all() if item.pk == answer_id), None)
    if chosen is None:
        messages.error(request, _("Choose one of the answers."))
        return redirect(reverse("repository:question", args=[question.pk]))
    try:
        mark_helpful(question, chosen, request.user)
    except QuestionRefused as refused:
        messages.error(request, refused.message)
        return question_page(request, question, status=403)
    messages.success(request, _("Thank you: the answer is marked as the most helpful."))
    return redirect(reverse("repository:question", args=[question.pk]) + f"#answer-{chosen.pk}")


@login_required
@require_POST
def report(request: HttpRequest, question_id: int) -> HttpResponse:
    """A member reports the question, or with ``answer`` one of its answers, to the
    moderators (repository.questions.moderation)."""
    question = readable_question(request, question_id)
    item: Question | Answer = question
    if "answer" in request.POST:
        answer_id = parse_id(request.POST["answer"])
        item = next((each for each in question.answers.all() if each.pk == answer_id), None)
        if item is None:
            messages.error(request, _("There is no such answer."))
            return question_page(request, question, status=400)
    if not moderation.may_report(request.user, item):
        messages.error(request, _("You cannot report your own text, nor one that is hidden."))
        return question_page(request, question, status=403)
    form = ReportForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say why the moderators should look at it."))
        return question_page(request, question, status=400)
    if not reporting_allowed(request):
        messages.error(request, str(TOO_MANY_REPORTS))
        return question_page(request, question, status=429)
    created = moderation.report(item, request.user, form.cleaned_data["reason"])
    messages.success(request, _("Thank you: the moderators will look at it.") if created
                     else _("You have reported this already."))
    anchor = f"#answer-{item.pk}" if isinstance(item, Answer) else ""
    return redirect(reverse("repository:question", args=[question.pk]) + anchor)
