"""The admin's queue of reported questions and answers: each reported item once, in
context (solution, question, author, every open report), with the decisions of
:mod:`repository.questions.moderation` as POST forms. The posts' queue
(community.moderation_views) lends its form, its way of naming people, and its
permission: whoever works the reported posts works these."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from community.moderation_views import ActionForm, person_summary
from repository.models import Answer, Question
from repository.questions import moderation
from repository.questions.service import question_url

PER_PAGE = 20
KINDS = {"question": Question, "answer": Answer}


def _require_moderator(request: HttpRequest) -> None:
    if not moderation.may_moderate_reports(request.user):
        raise PermissionDenied


def item_key(kind: str, pk: int) -> str:
    return f"{kind}-{pk}"


def queue(request: HttpRequest) -> HttpResponse:
    _require_moderator(request)
    return _render_queue(request, None, status=200)


def _render_queue(request: HttpRequest, failed: tuple[str, ActionForm] | None, *,
                  status: int) -> HttpResponse:
    page = Paginator(moderation.reported_items(), PER_PAGE).get_page(request.GET.get("p"))
    shown = list(page)
    reports: dict[str, list] = {}
    for report in moderation.open_reports_of(shown):
        kind, pk = ("answer", report.answer_id) if report.answer_id else \
            ("question", report.question_id)
        reports.setdefault(item_key(kind, pk), []).append(report)
    rows = []
    for item in shown:
        kind, pk = ("answer", item["answer_id"]) if item["answer_id"] else \
            ("question", item["question_id"])
        key = item_key(kind, pk)
        if key not in reports:
            # Another moderator resolved its reports between the two queries: it has
            # left the queue, as the next reload shows.
            continue
        first = reports[key][0]
        subject = first.answer if kind == "answer" else first.question
        rows.append({
            "key": key, "kind": kind, "pk": pk, "item": subject, "question": first.question,
            "solution": first.question.solution,
            "author": person_summary(subject.author if kind == "answer" else subject.asker),
            "question_url": question_url(first.question),
            "reports": [{"report": report, "reporter": person_summary(report.reporter)}
                        for report in reports[key]],
            "form": failed[1] if failed and failed[0] == key
            else ActionForm(auto_id=f"{key}-%s")})
    return TemplateResponse(request, "repository/admin/question_reports.html", {
        "rows": rows, "page_obj": page, "open_count": page.paginator.count,
        "header_title": _("Reported questions and answers"),
        "page_title": _("Reported questions and answers"), "header_icon": "warning",
    }, status=status)


@require_POST
def act(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    _require_moderator(request)
    if kind not in KINDS:
        raise Http404
    item = KINDS[kind].objects.filter(pk=pk).first()
    if item is None:
        raise Http404
    form = ActionForm(request.POST, auto_id=f"{item_key(kind, pk)}-%s")
    try:
        if not form.is_valid():
            raise moderation.ModerationRefused(" ".join(
                str(error) for errors in form.errors.values() for error in errors))
        done = moderation.act(item, form.cleaned_data["action"], by=request.user,
                              note=form.cleaned_data["note"])
    except moderation.ModerationRefused as refusal:
        messages.error(request, str(refusal))
        return _render_queue(request, (item_key(kind, pk), form), status=400)
    messages.success(request, done)
    return redirect(reverse("repository_question_reports:queue"))
