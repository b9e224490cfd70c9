"""Demo content of the self-learning loop: what model projects confirmed about their
solutions besides the past reporting round (some recently, one more than six months
ago; an entry may also say that a solution ended) and adoptions
municipalities reported themselves (two confirmed, one waiting for review).

Idempotent like the rest of the demo: a solution that has a confirmation already, and a
municipality that has an entry for a solution already, are left as they are.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone
from wagtail.models import Page

from community.models import Municipality
from repository.freshness import Operation, confirm_solution
from repository.models import Adoption
from repository.models.adoptions import AdoptionSource, ReviewState

Log = Callable[[str], None]


def load_freshness(solutions: dict[str, Page], wanted: list[dict[str, Any]], log: Log) -> None:
    today = timezone.localdate()
    for entry in wanted:
        solution = solutions.get(entry["solution"])
        if solution is None:
            continue
        solution.refresh_from_db()
        if solution.last_confirmed is not None or solution.ended_on is not None:
            continue
        ended = bool(entry.get("ended"))
        confirm_solution(solution, maturity=solution.maturity,
                         operation=Operation.ENDED if ended else Operation.RUNNING,
                         confirmed_on=today - datetime.timedelta(
                             days=entry["confirmed_days_ago"]),
                         reason=entry.get("ended", ""))
        log(f"confirmed “{solution.title}”{' as ended' if ended else ''}")


def load_self_reports(solutions: dict[str, Page], wanted: list[dict[str, Any]],
                      log: Log) -> None:
    municipalities = {m.ags: m for m in Municipality.objects.filter(
        ags__in={entry["ags"] for entry in wanted})}
    reporters = {user.email: user for user in get_user_model().objects.filter(
        email__in={entry["reporter"] for entry in wanted})}
    for entry in wanted:
        solution = solutions.get(entry["solution"])
        municipality = municipalities.get(entry["ags"])
        if solution is None or municipality is None or Adoption.objects.filter(
                solution__translation_key=solution.translation_key,
                municipality=municipality).exists():
            continue
        confirmed = entry["review"] == ReviewState.CONFIRMED
        # The community's members, when its demo is loaded (else the reporter is unknown).
        reporter = reporters.get(entry["reporter"])
        Adoption.objects.create(
            solution=solution, municipality=municipality, status=entry["status"],
            reason=entry["reason"], contact_name=entry["contact"],
            source=AdoptionSource.MUNICIPALITY, reported_by=reporter,
            review_state=entry["review"],
            decided_at=timezone.now() if confirmed else None)
        log(f"{municipality} reported “{solution.title}” ({entry['review']})")
