"""The life of a report: the round gives every model project one, the team writes and
the lead submits it, an editor accepts it (which confirms the solutions, through
repository.freshness) or returns it with a comment. E-mails leave after the commit."""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from repository.freshness import confirm_solution
from repository.models import (
    Indicator,
    IndicatorValue,
    ModelProjectPage,
    Report,
    ReportingRound,
    ReportStatus,
    SolutionAnswer,
    SolutionPage,
)
from repository.reporting import emails

ANSWER_FIELDS = ("maturity", "operation", "operation_note", "costs_so_far", "lessons",
                 "adoptions_known")


class ReportError(ValueError):
    """A step the report's state does not allow; the message says why."""


def reporting_projects() -> QuerySet[ModelProjectPage]:
    """The model projects that report: the pages that carry a team (one per project,
    whatever its translations)."""
    return ModelProjectPage.objects.filter(team__isnull=False).order_by("title")


def give_every_project_a_report(reporting_round: ReportingRound) -> int:
    """A report, not started, for every reporting project that has none in the round
    (a project added after the round opened gets one the next time this runs)."""
    have = set(reporting_round.reports.values_list("project_id", flat=True))
    missing = [Report(round=reporting_round, project_id=pk)
               for pk in reporting_projects().values_list("pk", flat=True) if pk not in have]
    Report.objects.bulk_create(missing, ignore_conflicts=True)
    return len(missing)


def solutions_of(project: ModelProjectPage) -> list[SolutionPage]:
    """The project's published solutions in the project's own language."""
    return list(SolutionPage.objects.live().filter(model_project_id=project.pk,
                                                   locale_id=project.locale_id)
                .prefetch_related("topics").order_by("title"))


def indicators_for(solution: SolutionPage) -> list[Indicator]:
    """The key figures of the solution's fields of action (the German indicators)."""
    topic_keys = [topic.translation_key for topic in solution.topics.all()]
    return list(Indicator.objects.filter(topic__translation_key__in=topic_keys,
                                         locale_id=solution.locale_id)
                .select_related("topic").order_by("topic__sort_order", "sort_order", "name"))


@dataclass
class SolutionInput:
    solution: SolutionPage
    answers: Mapping[str, Any]
    indicator_values: Mapping[int, Decimal | None] = field(default_factory=dict)


def save(report: Report, user: Any, *, progress: str, answers: Sequence[str],
         solutions: Sequence[SolutionInput], submit: bool) -> Report:
    """Store what the team wrote; with ``submit`` the report goes to the office."""
    with transaction.atomic():
        locked = Report.objects.select_for_update().select_related("round").get(pk=report.pk)
        if not locked.editable:
            raise ReportError(_("This report can no longer be changed: it has been "
                                "submitted, reviewed or its round is closed."))
        now = timezone.now()
        locked.progress, locked.answers = progress, list(answers)
        locked.status = ReportStatus.SUBMITTED if submit else ReportStatus.DRAFT
        locked.changed_at, locked.changed_by = now, user
        if submit:
            locked.submitted_at = now
        locked.save()
        for given in solutions:
            answer, _created = SolutionAnswer.objects.update_or_create(
                report=locked, solution=given.solution,
                defaults={name: given.answers.get(name) for name in ANSWER_FIELDS
                          if name in given.answers})
            for indicator_id, value in given.indicator_values.items():
                if value is None:
                    answer.indicator_values.filter(indicator_id=indicator_id).delete()
                else:
                    IndicatorValue.objects.update_or_create(
                        answer=answer, indicator_id=indicator_id, defaults={"value": value})
        if submit:
            transaction.on_commit(lambda: emails.send_submitted(locked))
    return locked


def accept(report: Report, reviewer: Any, comment: str = "",
           today: datetime.date | None = None) -> Report:
    """Accept a submitted report: each solution it answers is confirmed, in every
    language, with the maturity and operation reported (repository.freshness)."""
    return _review(report, reviewer, ReportStatus.ACCEPTED, comment, True,
                   today or timezone.localdate())


def return_for_changes(report: Report, reviewer: Any, comment: str) -> Report:
    if not comment.strip():
        raise ReportError(_("Say what the team should change."))
    return _review(report, reviewer, ReportStatus.RETURNED, comment, False,
                   timezone.localdate())


def _review(report: Report, reviewer: Any, status: str, comment: str, confirm: bool,
            today: datetime.date) -> Report:
    with transaction.atomic():
        locked = Report.objects.select_for_update().get(pk=report.pk)
        if locked.status != ReportStatus.SUBMITTED:
            raise ReportError(_("Only a submitted report can be reviewed."))
        locked.status, locked.review_comment = status, comment.strip()
        locked.reviewed_at, locked.reviewed_by = timezone.now(), reviewer
        locked.save()
        if confirm:
            moved = []
            for answer in locked.solution_answers.select_related("solution"):
                if not (answer.maturity and answer.operation):
                    continue  # a solution published after the report was written
                # What the page said until now: the evaluation's move (P2 → P3).
                answer.previous_maturity = answer.solution.maturity
                moved.append(answer)
                try:
                    confirm_solution(answer.solution.specific, maturity=answer.maturity,
                                     operation=answer.operation, confirmed_on=today,
                                     reason=answer.operation_note, by=reviewer)
                except ValidationError as refused:
                    raise ReportError(" ".join(refused.messages)) from refused
            SolutionAnswer.objects.bulk_update(moved, ["previous_maturity"])
        transaction.on_commit(lambda: emails.send_reviewed(locked))
    return locked
