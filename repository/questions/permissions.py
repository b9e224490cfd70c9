"""Who sees a question and who answers it: the one place the pages, the admin, the API,
search and the notifications ask.

A question is public once the office promoted it into the solution's FAQ. Before that
its circle sees it: the asker, the developing project's team, the members adopting
municipalities named to answer questions, and the office's editors. A question the
office hid is seen by the editors only.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from repository.adoption_reports.permissions import developing_team, is_editor
from repository.models import Adoption, ModelProjectPage, Question, SolutionPage

__all__ = ["answerers", "is_editor", "may_answer", "may_ask", "visible_questions"]


def is_member(user: Any) -> bool:
    return bool(user and user.is_authenticated and user.is_active)


def may_ask(user: Any) -> bool:
    return is_member(user)


def adopters_answering(solution: SolutionPage) -> QuerySet:
    """Members named to answer questions on a confirmed adoption of the solution."""
    contacts = (Adoption.objects.public()
                .filter(solution__translation_key=solution.translation_key)
                .values("questions_contact"))
    return get_user_model().objects.filter(is_active=True, pk__in=contacts)


def answerers(solution: SolutionPage) -> QuerySet:
    """Everyone a question on the solution goes to: its project team and the opted-in
    adopters (active accounts, each once)."""
    team = developing_team(solution).values("pk")
    return get_user_model().objects.filter(
        Q(pk__in=team) | Q(pk__in=adopters_answering(solution).values("pk"))).distinct()


def circle(user: Any) -> Q:
    """The questions whose circle the user is in, as a filter (no query of its own)."""
    teams = ModelProjectPage.objects.filter(team__user=user).values("translation_key")
    adopted = (Adoption.objects.public().filter(questions_contact=user)
               .values("solution__translation_key"))
    return (Q(asker=user) | Q(solution__model_project__translation_key__in=teams)
            | Q(solution__translation_key__in=adopted))


def visible_questions(user: Any) -> QuerySet[Question]:
    """The questions the user may read: all for editors, the promoted ones for everyone,
    and those of the user's circle."""
    questions = Question.objects.all()
    if is_editor(user):
        return questions
    public = Q(promoted_at__isnull=False)
    if not is_member(user):
        return questions.filter(public, is_hidden=False)
    return questions.filter(public | circle(user), is_hidden=False)


def may_answer(user: Any, question: Question) -> bool:
    """The team, the opted-in adopters, the editors and the asker answer (one query)."""
    if not is_member(user) or question.is_hidden:
        return False
    if is_editor(user) or question.asker_id == user.pk:
        return True
    return Question.objects.filter(circle(user), pk=question.pk).exists()
