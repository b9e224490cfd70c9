"""Reminders a day before an event, to registered participants only.

Each registration is claimed with a conditional update before its e-mail leaves, so
two runs at once, or a second run the same day, never remind anyone twice; a failed
e-mail releases its claim for the next run."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from django.core.mail import get_connection
from django.utils import timezone

from events.models import Registration, RegistrationStatus
from events.registrations import emails

logger = logging.getLogger(__name__)

REMIND_AHEAD = timedelta(hours=24)


def due_reminders(now: datetime) -> list[Registration]:
    return list(Registration.objects.filter(
        status=RegistrationStatus.CONFIRMED, reminder_sent_at__isnull=True,
        event__start__gt=now, event__start__lte=now + REMIND_AHEAD,
        event__is_cancelled=False, event__live=True,
    ).select_related("event").order_by("event__start", "pk"))


def send_reminders(now: datetime | None = None) -> int:
    """Remind everyone registered for an event starting within the next 24 hours."""
    now = now or timezone.now()
    connection = get_connection()
    sent = 0
    for registration in due_reminders(now):
        claimed = Registration.objects.filter(
            pk=registration.pk, reminder_sent_at__isnull=True,
            status=RegistrationStatus.CONFIRMED).update(reminder_sent_at=now)
        if not claimed:
            continue
        try:
            emails.send_reminder(registration, connection=connection)
        except Exception:
            logger.exception("Reminder for registration %s failed", registration.pk)
            Registration.objects.filter(pk=registration.pk).update(reminder_sent_at=None)
            continue
        sent += 1
    return sent
