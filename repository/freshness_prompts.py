"""Prompts to a model project's team to confirm a solution that has gone unconfirmed for
six months (its last confirmation, or its first publication when it was never
confirmed, lies further back). One prompt per lapse, claimed before it leaves, so two
runs at once or a second run prompt nobody twice; a failure releases the claim for the
next run. The prompt is a notification in each member's language, e-mailed as the
member chose (community.notifications). Run daily: ``manage.py send_confirmation_prompts``.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, time

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from community.models import Notification, NotificationKind
from community.notifications import language_of, send_immediately_after_commit
from repository.adoption_reports.permissions import developing_team
from repository.freshness import confirmation_cutoff, unconfirmed
from repository.models import ConfirmationPrompt, SolutionPage

logger = logging.getLogger(__name__)


def due_for_prompt(today: date | None = None) -> list[SolutionPage]:
    """Live solutions in the default language whose team is due a prompt."""
    cutoff = confirmation_cutoff(today)
    published_before = timezone.make_aware(datetime.combine(cutoff, time.min))
    solutions = SolutionPage.objects.live().filter(
        locale__language_code=settings.LANGUAGE_CODE)
    lapsed = unconfirmed(solutions, today).filter(
        Q(last_confirmed__isnull=False) | Q(first_published_at__lt=published_before))
    prompted = ConfirmationPrompt.objects.filter(solution_key__in=lapsed.values(
        "translation_key")).values_list("solution_key", "confirmed_on")
    done = set(prompted)
    return [solution for solution in lapsed.select_related("model_project").order_by("pk")
            if (solution.translation_key, solution.last_confirmed) not in done]


def prompt_team(solution: SolutionPage) -> list[Notification]:
    titles = dict(SolutionPage.objects.filter(translation_key=solution.translation_key)
                  .values_list("locale__language_code", "title"))
    url = reverse("wagtailadmin_pages:edit", args=[solution.pk])
    created = []
    for user in developing_team(solution).select_related("member_profile"):
        language = language_of(user)
        with translation.override(language):
            title = titles.get(language, solution.title)
            if solution.last_confirmed:
                text = _("Please confirm “%(solution)s”: its state was last confirmed on "
                         "%(day)s, more than six months ago.") % {
                    "solution": title,
                    "day": formats.date_format(solution.last_confirmed, "DATE_FORMAT")}
            else:
                text = _("Please confirm “%(solution)s”: your model project has not yet "
                         "confirmed its state in a report.") % {"solution": title}
        created.append(Notification.objects.create(
            recipient=user, kind=NotificationKind.PROJECT, text=text[:300], url=url))
    return created


def send_confirmation_prompts(today: date | None = None) -> int:
    """Prompt the teams of solutions that are due; how many solutions were prompted."""
    sent = 0
    for solution in due_for_prompt(today):
        try:
            with transaction.atomic():
                ConfirmationPrompt.objects.create(solution_key=solution.translation_key,
                                                  confirmed_on=solution.last_confirmed)
                created = prompt_team(solution)
                send_immediately_after_commit(created)
        except IntegrityError:
            continue  # another run claimed it
        except Exception:
            logger.exception("Confirmation prompt for solution %s failed", solution.pk)
            continue
        sent += 1
    return sent
