"""Demo questions to the implementers (``questions`` in ``demo_content.yaml``): askers
and the answering lead are the community's and the reporting rounds' demo members, so
an entry whose people are missing (the community's demo not loaded) is left out.
Idempotent: a question is looked up by its asker and text."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale, Page

from repository.models import Answer, FaqEntry, Question

Log = Callable[[str], None]


def load_questions(solutions: dict[str, Page], wanted: list[dict[str, Any]],
                   log: Log) -> None:
    emails = {entry["asker"] for entry in wanted} | {
        entry["answer"]["by"] for entry in wanted if "answer" in entry}
    people = {user.email: user for user in get_user_model().objects.filter(email__in=emails)}
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    for entry in wanted:
        solution = solutions.get(entry["solution"])
        asker = people.get(entry["asker"])
        answerer = people.get(entry["answer"]["by"]) if "answer" in entry else None
        if solution is None or asker is None or ("answer" in entry and answerer is None):
            continue
        if Question.objects.filter(asker=asker, text=entry["text"]).exists():
            continue
        asked = timezone.now() - datetime.timedelta(days=entry["asked_days_ago"])
        with transaction.atomic():
            question = Question.objects.create(solution=solution, asker=asker,
                                               text=entry["text"])
            if answerer is not None:
                answer = Answer.objects.create(question=question, author=answerer,
                                               text=entry["answer"]["text"])
                Answer.objects.filter(pk=answer.pk).update(
                    created_at=asked + datetime.timedelta(days=1))
                question.helpful_answer = answer
            if "faq" in entry:
                _faq(question, entry["faq"], locales)
                question.promoted_at = asked + datetime.timedelta(days=3)
            question.save()
            Question.objects.filter(pk=question.pk).update(created_at=asked)
        log(f"question on “{solution.title}” by {asker.email}"
            f"{' (in the FAQ)' if 'faq' in entry else ''}")


def _faq(question: Question, texts: dict[str, dict[str, str]],
         locales: dict[str, Locale]) -> None:
    first = None
    for code, text in texts.items():
        if code not in locales:
            continue
        entry = FaqEntry(solution=question.solution, question=question, locale=locales[code],
                         question_text=text["question"], answer_text=text["answer"])
        if first is not None:
            entry.translation_key = first.translation_key
        entry.save()
        first = first or entry
