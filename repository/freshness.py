"""Whether a solution's page still says how things are.

A model project confirms its solutions in its reports (an editor accepts the report and
calls :func:`confirm_solution`); a solution is *confirmed* for six months after that,
*unconfirmed* when it never was or longer ago, and *ended* once its project says it went
out of operation (an ended solution stays in the repository, marked, and ranks lower in
search). The clock is Django's ``timezone.localdate()``, so tests freeze it.

This module imports no model: the page models ask it for their freshness.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home import page_clock

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser
    from wagtail.models import Page

# How long a confirmation holds (the programme's knowledge store was refreshed by hand
# every six months).
CONFIRMATION_MONTHS = 6
# The fields a confirmation sets, the same on every translation (synchronised fields).
FRESHNESS_FIELDS = ("maturity", "last_confirmed", "ended_on", "ended_reason")


class Freshness(models.TextChoices):
    CONFIRMED = "confirmed", _("Confirmed")
    UNCONFIRMED = "unconfirmed", _("Not confirmed")
    ENDED = "ended", _("Ended")


class Operation(models.TextChoices):
    """What the project says about the solution's operation in its report."""

    RUNNING = "running", _("Still in operation")
    CHANGED = "changed", _("In operation, changed")
    ENDED = "ended", _("Ended")


def confirmation_cutoff(today: date | None = None) -> date:
    """The earliest confirmation that still counts today."""
    return (today or timezone.localdate()) - relativedelta(months=CONFIRMATION_MONTHS)


def lapses_on(confirmed_on: date) -> date:
    """The first day on which a confirmation of ``confirmed_on`` no longer counts."""
    day = confirmed_on + relativedelta(months=CONFIRMATION_MONTHS)
    while confirmation_cutoff(day) <= confirmed_on:  # a few days at most (month ends)
        day += timedelta(days=1)
    return day


def freshness(solution: Any) -> str:
    """``"confirmed"``, ``"unconfirmed"`` or ``"ended"`` for a solution page."""
    if solution.ended_on is not None:
        return Freshness.ENDED.value
    if solution.last_confirmed is None or solution.last_confirmed < confirmation_cutoff():
        return Freshness.UNCONFIRMED.value
    # A page that says "confirmed" says "not confirmed" from the day it lapses.
    page_clock.changes_at(timezone.make_aware(
        datetime.combine(lapses_on(solution.last_confirmed), time.min)))
    return Freshness.CONFIRMED.value


def unconfirmed(solutions: QuerySet, today: date | None = None) -> QuerySet:
    """Of ``solutions`` (a SolutionPage queryset), those running without a confirmation
    in the last six months."""
    return solutions.filter(ended_on__isnull=True).filter(
        Q(last_confirmed__isnull=True) | Q(last_confirmed__lt=confirmation_cutoff(today)))


def confirm_solution(solution: Page, *, maturity: str, operation: str, confirmed_on: date,
                     reason: str = "", by: AbstractBaseUser | None = None) -> list[Page]:
    """Records what the model project confirmed about ``solution`` on ``confirmed_on``
    in every language: the maturity step, ``last_confirmed`` and whether it ended (with
    ``reason``). Live translations get a new published revision (so the page, the API and
    search show it at once); a draft waiting beside one keeps its own changes and gets
    the same values, so publishing it later does not undo the confirmation. Raises
    ValidationError on a maturity or operation outside the choices or a future date.
    Returns the pages changed."""
    maturities = {value for value, _label in solution._meta.get_field("maturity").choices}
    if maturity not in maturities:
        raise ValidationError(_("Unknown maturity “%(value)s”."), params={"value": maturity})
    if operation not in Operation.values:
        raise ValidationError(_("Unknown operation “%(value)s”."), params={"value": operation})
    if confirmed_on > timezone.localdate():
        raise ValidationError(_("A confirmation cannot lie in the future."))
    ended = operation == Operation.ENDED
    values = {
        "maturity": maturity,
        "last_confirmed": confirmed_on,
        # An ended solution keeps the day it first ended; one running again loses it.
        "ended_on": (solution.ended_on or confirmed_on) if ended else None,
        "ended_reason": reason.strip() if ended else "",
    }
    translations = (solution.get_translations(inclusive=True)
                    .filter(alias_of__isnull=True).specific().order_by("pk"))
    with transaction.atomic():
        changed = [_apply(page, values, by) for page in translations]
    for field, value in values.items():
        setattr(solution, field, value)
    return changed


def _apply(page: Page, values: dict[str, Any], by: AbstractBaseUser | None) -> Page:
    draft = page.get_latest_revision() if page.has_unpublished_changes else None
    if page.live:
        for field, value in values.items():
            setattr(page, field, value)
        # clean=False: the confirmation changes only these fields, and an old page that
        # no longer passes a newer rule elsewhere must not block the project's report.
        page.save_revision(user=by, clean=False).publish(user=by,
                                                         skip_permission_checks=True)
    if draft is not None:
        waiting = draft.as_object()
        for field, value in values.items():
            setattr(waiting, field, value)
        waiting.save_revision(user=draft.user, clean=False, log_action=False)
    elif not page.live:
        for field, value in values.items():
            setattr(page, field, value)
        page.save_revision(user=by, clean=False)
    return page
