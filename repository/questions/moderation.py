"""Members report questions and answers to the moderators, as they report posts, and
the moderators decide in the admin's queue, with the posts' machinery
(community.moderation, community.models.ReportRecord, the shared rate limit of reports).

Each decision works on the item and all its open reports at once, runs in one
transaction and is written to Wagtail's log against the item. Hiding goes through
:func:`repository.questions.service.set_hidden`, the office's one way to hide: a hidden
question leaves the solution page, the API and the FAQ (and so search); a hidden
answer leaves the question's page and the API."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.db.models import Count, Min, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log

from community.models import ReportStatus
from community.moderation import ModerationRefused, append_note, may_moderate_reports
from repository.models import Answer, Question, QuestionReport
from repository.questions.permissions import is_member
from repository.questions.service import set_hidden

__all__ = ["LOG_ACTIONS", "ModerationRefused", "act", "may_moderate_reports", "may_report",
           "report", "reported_items"]

# action name → (log action, its label in the log)
LOG_ACTIONS = {
    "dismiss": ("repository.question.report.dismiss",
                gettext_lazy("Dismiss the reports of a question or answer")),
    "hide": ("repository.question.report.hide",
             gettext_lazy("Hide a reported question or answer")),
    "note": ("repository.question.report.note",
             gettext_lazy("Note on a reported question or answer")),
}


def author_id(item: Question | Answer) -> int | None:
    return item.author_id if isinstance(item, Answer) else item.asker_id


def may_report(user: Any, item: Question | Answer) -> bool:
    """A member reports what they read (the caller has checked that) and did not write."""
    return is_member(user) and not item.is_hidden and author_id(item) != user.pk


def reports_on(item: Question | Answer) -> QuerySet[QuestionReport]:
    if isinstance(item, Answer):
        return QuestionReport.objects.filter(answer=item)
    return QuestionReport.objects.filter(question=item, answer__isnull=True)


def report(item: Question | Answer, user: Any, reason: str) -> bool:
    """Records the member's report; False when they have one open on the item already."""
    question = item.question if isinstance(item, Answer) else item
    answer = item if isinstance(item, Answer) else None
    _report, created = QuestionReport.objects.get_or_create(
        question=question, answer=answer, reporter=user, status=ReportStatus.OPEN,
        defaults={"reason": reason.strip()})
    return created


def reported_items() -> QuerySet:
    """One row per reported item with open reports (question, answer or None, when first
    reported, how often), the longest-waiting first."""
    return (QuestionReport.objects.filter(status=ReportStatus.OPEN)
            .values("question_id", "answer_id")
            .annotate(first_reported=Min("created_at"), open_reports=Count("pk"))
            .order_by("first_reported", "question_id", "answer_id"))


def open_reports_of(rows: list[dict[str, Any]]) -> QuerySet[QuestionReport]:
    """The open reports of the items in ``rows`` (from :func:`reported_items`), with
    everything the queue shows of them, in one query."""
    questions = [row["question_id"] for row in rows if row["answer_id"] is None]
    answers = [row["answer_id"] for row in rows if row["answer_id"] is not None]
    return (QuestionReport.objects
            .filter(Q(answer__isnull=True, question_id__in=questions)
                    | Q(answer_id__in=answers), status=ReportStatus.OPEN)
            .select_related("question__solution", "question__asker__member_profile__municipality",
                            "answer__author__member_profile__municipality",
                            "reporter__member_profile__municipality")
            .order_by("created_at", "pk"))


def act(item: Question | Answer, action: str, *, by: Any, note: str = "") -> str:
    """Take ``action`` on ``item`` and its open reports; returns what the moderator is
    told. Raises :class:`ModerationRefused` for input that cannot be acted on."""
    note = note.strip()
    if action not in LOG_ACTIONS:
        raise ModerationRefused(_("Unknown moderation action."))
    if action == "note" and not note:
        raise ModerationRefused(_("Please write the note."))
    now = timezone.now()
    with transaction.atomic():
        reports = reports_on(item)
        open_reports = reports.filter(status=ReportStatus.OPEN)
        if action != "note" and not open_reports.exists():
            raise ModerationRefused(_("There are no open reports on this any more."))
        if action == "hide":
            set_hidden(item, True, by)
        if action in ("dismiss", "hide"):
            open_reports.update(
                status=ReportStatus.HIDDEN if action == "hide" else ReportStatus.DISMISSED,
                resolved_at=now, resolved_by=by)
        if note:
            append_note(reports, note, by=by, when=now)
        log(instance=item, action=LOG_ACTIONS[action][0], user=by, data={"note": note})
    return {"dismiss": _("The reports are dismissed; the text stays visible."),
            "hide": _("The text is hidden."),
            "note": _("The note is saved.")}[action]


def register_log_actions(actions: Any) -> None:
    for name, label in LOG_ACTIONS.values():
        actions.register_action(name, label, label)
