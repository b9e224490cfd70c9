"""From an expression of interest to a consultation event: the office turns a request
into a draft event in one step (the admin's "Create consultation event")."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Locale, Site

from events.interest.service import BERLIN, InterestError, change_status, check_transition
from events.models import (
    EventFormat,
    EventIndexPage,
    EventMode,
    EventPage,
    ExpressionOfInterest,
    InterestStatus,
    PreferredFormat,
)

# The placeholder slot of a new consultation, until the editor agrees the real one.
CONSULTATION_START = time(9, 0)
CONSULTATION_HOURS = 4


def consultation_calendar() -> EventIndexPage | None:
    """The event calendar in the default language, where new consultations go (the
    default site's, if there are several sites)."""
    calendars = EventIndexPage.objects.filter(locale=Locale.get_default())
    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None:
        in_site = calendars.descendant_of(site.root_page, inclusive=True).order_by("path")
        if in_site.exists():
            return in_site.first()
    return calendars.order_by("path").first()


def next_weekday_morning(now: datetime | None = None) -> datetime:
    """09:00 in Berlin on the next working day: a placeholder the editor replaces."""
    day = timezone.localtime(now or timezone.now(), BERLIN).date() + timedelta(days=1)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return datetime.combine(day, CONSULTATION_START, tzinfo=BERLIN)


MODE_FOR_FORMAT = {
    PreferredFormat.VIRTUAL: EventMode.VIRTUAL,
    PreferredFormat.ON_SITE: EventMode.ON_SITE,
    # "Either" starts as virtual, the cheaper choice; the editor may change it.
    PreferredFormat.EITHER: EventMode.VIRTUAL,
}


def _free_slug(parent: EventIndexPage, base: str) -> str:
    taken = set(parent.get_children().filter(slug__startswith=base)
                .values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def create_consultation_event(interest: ExpressionOfInterest, by: Any) -> EventPage:
    """Turn a request into a draft consultation event in one step.

    The event is not live: its date is a placeholder (the next working day, 09:00 to
    13:00 in Berlin) until the editor agrees the real one with the municipality. It is by
    invitation (registration closed), takes the request's topics, and the request moves
    to "scheduled" (the requester is told). Refused when the request has an event
    already, when it cannot become "scheduled", or when there is no event calendar.
    """
    with transaction.atomic():
        # Only the request's own row is locked: PostgreSQL cannot lock the nullable side
        # of the outer join to its municipality.
        locked = (ExpressionOfInterest.objects.select_for_update(of=("self",))
                  .select_related("municipality").get(pk=interest.pk))
        if locked.event_id is not None:
            raise InterestError(_("This request has a consultation event already. Open "
                                  "it from the request instead of creating another."))
        check_transition(locked.status, InterestStatus.SCHEDULED)
        calendar = consultation_calendar()
        if calendar is None:
            raise InterestError(_("There is no event calendar in the default language to "
                                  "add the consultation to. Create one first."))
        name = locked.municipality_label
        with translation.override(calendar.locale.language_code):
            title = _("Initial consultation: %(municipality)s") % {"municipality": name}
            summary = _("An initial consultation for %(municipality)s: goals, added value, "
                        "strategy and projects on the way to becoming a smart city."
                        ) % {"municipality": name}
        mode = MODE_FOR_FORMAT.get(locked.preferred_format, EventMode.VIRTUAL)
        start = next_weekday_morning()
        event = EventPage(
            title=title[:255], slug=_free_slug(calendar, slugify(title)[:200] or "consultation"),
            locale=calendar.locale, live=False, owner=by,
            format=EventFormat.CONSULTATION, summary=summary[:600], mode=mode,
            # An event on site must say where; the municipality is the best first guess.
            place=name if mode == EventMode.ON_SITE else "",
            start=start, end=start + timedelta(hours=CONSULTATION_HOURS),
            registration_open=False,
        )
        event.topics.set(list(locked.topics.all()))
        calendar.add_child(instance=event)
        event.save_revision(user=by, log_action=False)
        log(instance=event, action="wagtail.create", user=by)
        locked.event = event
        locked.save(update_fields=["event"])
        if locked.status != InterestStatus.SCHEDULED:
            change_status(locked, InterestStatus.SCHEDULED, by)
    interest.event = event
    interest.status, interest.status_changed_at = locked.status, locked.status_changed_at
    interest._loaded_status = locked.status
    return event
