"""The certificate follows the attendance: when the office records who attended a
session, every learner whose course that completes gets the certificate at once."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Q

from academy.progress import courses_of_event, issue_if_complete
from events.registrations.signals import attendance_recorded


def issue_certificates(sender: Any, event: Any, registrations: list, **kwargs: Any) -> None:
    present = [registration for registration in registrations if registration.attended]
    if not present:
        return
    courses = courses_of_event(event)
    if not courses:
        return
    # A guest registration counts for the member with the same address.
    learners = get_user_model().objects.filter(
        Q(pk__in=[r.user_id for r in present if r.user_id])
        | Q(email__in=[r.email for r in present if not r.user_id]),
        is_active=True).select_related("member_profile")
    for learner in learners:
        for course in courses:
            issue_if_complete(learner, course)


def connect() -> None:
    attendance_recorded.connect(issue_certificates, dispatch_uid="academy-certificates")
