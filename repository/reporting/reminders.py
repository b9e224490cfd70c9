"""Reminders of reports not yet submitted: once in the week before the due date, once
after it. Each report is claimed with a conditional update before its e-mails leave, so
two runs at once, or a second run, never remind a team twice; a failed e-mail releases
the claim for the next run."""

from __future__ import annotations

import datetime
import logging

from django.core.mail import get_connection
from django.db.models import Q
from django.utils import timezone

from repository.models import Report
from repository.reporting import emails
from repository.reporting.models import EDITABLE_STATES

logger = logging.getLogger(__name__)

REMIND_AHEAD = datetime.timedelta(days=7)
CLAIMS = {emails.BEFORE: "reminded_before_at", emails.AFTER: "reminded_after_at"}


def due_reminders(today: datetime.date) -> list[tuple[Report, str]]:
    """Reports of open rounds the team has not submitted, with the reminder they are due:
    ``before`` from seven days ahead up to the due date, ``after`` from the day after."""
    waiting = (Report.objects.filter(status__in=EDITABLE_STATES, round__closed=False,
                                     round__opens_on__lte=today)
               .select_related("round", "project").order_by("round__due_on", "pk"))
    before = waiting.filter(reminded_before_at__isnull=True, reminded_after_at__isnull=True,
                            round__due_on__gte=today, round__due_on__lte=today + REMIND_AHEAD)
    after = waiting.filter(Q(reminded_after_at__isnull=True), round__due_on__lt=today)
    return [(report, emails.BEFORE) for report in before] + [
        (report, emails.AFTER) for report in after]


def send_report_reminders(now: datetime.datetime | None = None) -> int:
    """Send the reminders that are due; how many e-mails left."""
    now = now or timezone.now()
    connection = get_connection()
    sent = 0
    for report, when in due_reminders(timezone.localdate(now)):
        claim = CLAIMS[when]
        claimed = Report.objects.filter(pk=report.pk, **{f"{claim}__isnull": True},
                                        status__in=EDITABLE_STATES).update(**{claim: now})
        if not claimed:
            continue
        try:
            sent += emails.send_reminder(report, when, connection=connection)
        except Exception:
            logger.exception("Reminder for report %s failed", report.pk)
            Report.objects.filter(pk=report.pk).update(**{claim: None})
    return sent
