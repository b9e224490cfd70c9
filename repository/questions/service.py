"""Asking, answering, choosing the most helpful answer and promoting into the FAQ: the
one way each is written, for the site's forms, the admin and the API alike. Callers
check the form and the rate limit first; the rules of who may are checked here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import Locale

from community.models import Notification, NotificationKind
from community.notifications import language_of, send_immediately_after_commit
from repository.adoption_reports.service import original_solution
from repository.models import Answer, FaqEntry, Question, SolutionPage
from repository.questions.permissions import answerers, is_editor, may_answer, may_ask

LOG_ACTIONS = {
    "promote": ("repository.question.promote",
                gettext_lazy("Promote a question into the solution's FAQ")),
    "hide": ("repository.question.hide", gettext_lazy("Hide a question or an answer")),
    "show": ("repository.question.show", gettext_lazy("Show a hidden question or answer")),
}


class QuestionRefused(Exception):
    """Something that cannot be done as asked, with the reason for the person."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def question_url(question: Question) -> str:
    """The question's page in the active language."""
    return reverse("repository:question", args=[question.pk])


def titles_of(solution: SolutionPage) -> dict[str, str]:
    return dict(SolutionPage.objects.filter(translation_key=solution.translation_key)
                .values_list("locale__language_code", "title"))


def notify(question: Question, users: Iterable[Any], message: Any,
           **values: Any) -> list[Notification]:
    """A notification for each user, in each one's language (the solution's title too),
    e-mailed now or in the digest as each chose."""
    titles = titles_of(question.solution)
    notifications = []
    for user in users:
        language = language_of(user)
        with translation.override(language):
            text = str(message) % {"solution": titles.get(language, question.solution.title),
                                 **values}
            url = question_url(question)
        notifications.append(Notification(recipient=user, kind=NotificationKind.PROJECT,
                                          text=text[:300], url=url))
    created = Notification.objects.bulk_create(notifications)
    send_immediately_after_commit(created)
    return created


# Marked for the catalogue here, translated in notify() in each recipient's language.
ASKED = gettext_lazy("A municipality asks about “%(solution)s”: %(excerpt)s")
ANSWERED = gettext_lazy("New answer on the question about “%(solution)s”: %(excerpt)s")


def excerpt(text: str) -> str:
    words = " ".join(text.split())
    return words if len(words) <= 120 else words[:119] + "…"


def ask(solution: SolutionPage, user: Any, text: str) -> Question:
    """Records the question against the solution's original and tells its team and the
    adopters who answer questions."""
    if not may_ask(user):
        raise QuestionRefused(_("Please sign in to ask a question."))
    original = original_solution(solution)
    with transaction.atomic():
        question = Question.objects.create(solution=original, asker=user, text=text.strip())
        recipients = (answerers(original).exclude(pk=user.pk)
                      .select_related("member_profile"))
        notify(question, recipients, ASKED, excerpt=excerpt(question.text))
    return question


def answer(question: Question, user: Any, text: str) -> Answer:
    """An answer on the question; the asker and the others who answer hear of it."""
    if not may_answer(user, question):
        raise QuestionRefused(_("Only the model project's team, the municipalities that "
                                "answer questions, the office and the asker answer here."))
    with transaction.atomic():
        posted = Answer.objects.create(question=question, author=user, text=text.strip())
        circle = {other.pk: other for other in answerers(question.solution)
                  .select_related("member_profile")}
        if question.asker is not None and question.asker.is_active:
            circle[question.asker_id] = question.asker
        circle.pop(user.pk, None)
        notify(question, circle.values(), ANSWERED, excerpt=excerpt(posted.text))
    return posted


def mark_helpful(question: Question, chosen: Answer, user: Any) -> None:
    """The asker marks the most helpful answer (again, to change the choice)."""
    if not (user.is_authenticated and question.asker_id == user.pk):
        raise QuestionRefused(_("Only the person who asked marks the most helpful answer."))
    if chosen.question_id != question.pk or chosen.is_hidden:
        raise QuestionRefused(_("This answer does not belong to the question."))
    question.helpful_answer = chosen
    question.save(update_fields=["helpful_answer"])


def promote(question: Question, by: Any, texts: dict[str, tuple[str, str]]) -> list[FaqEntry]:
    """The office puts the question into the solution's FAQ: one entry per language
    (``texts``: language → (question, answer)), translations of each other."""
    if not is_editor(by):
        raise QuestionRefused(_("Only the office promotes questions into the FAQ."))
    if question.promoted_at is not None:
        raise QuestionRefused(_("This question is in the FAQ already."))
    if question.is_hidden or not question.answers.filter(is_hidden=False).exists():
        raise QuestionRefused(_("Only an answered question goes into the FAQ."))
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    entries = []
    with transaction.atomic():
        first = None
        for code, _name in settings.LANGUAGES:
            if code not in locales or code not in texts:
                continue
            entry = FaqEntry(solution=question.solution, question=question,
                             locale=locales[code], question_text=texts[code][0].strip(),
                             answer_text=texts[code][1].strip())
            if first is not None:
                entry.translation_key = first.translation_key
            entry.save()
            first = first or entry
            entries.append(entry)
        question.promoted_at = timezone.now()
        question.save(update_fields=["promoted_at"])
        log(instance=question, action=LOG_ACTIONS["promote"][0], user=by)
    return entries


def set_hidden(item: Question | Answer, hidden: bool, by: Any) -> None:
    """The office hides a question or an answer (or shows it again), as moderators do
    with posts; hiding a promoted question takes it out of the FAQ as well."""
    with transaction.atomic():
        item.is_hidden = hidden
        item.save(update_fields=["is_hidden"])
        if hidden and isinstance(item, Question) and item.promoted_at is not None:
            item.faq.all().delete()
            item.promoted_at = None
            item.save(update_fields=["promoted_at"])
        log(instance=item, action=LOG_ACTIONS["hide" if hidden else "show"][0], user=by)


def register_log_actions(actions: Any) -> None:
    for name, label in LOG_ACTIONS.values():
        actions.register_action(name, label, label)
