"""What the Start Smart programme adds to the member's account page
(:mod:`community.account`): registrations, waiting-list places and series still ahead,
and the expressions of interest the member sent, each with its status.

Cancelling goes through the registration's own cancellation page (the link its e-mails
carry): it asks before it cancels and offers a series' remaining sessions, so the
account page adds no second way of cancelling."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from community.account import reader_pages
from events.interest.models import ExpressionOfInterest
from events.models import ACTIVE_STATES, Registration, RegistrationStatus


def own_registrations(user: Any) -> Any:
    """The member's registrations that still hold or wait for a place: those made while
    signed in and those made as a guest with the same (confirmed) address, as the event
    pages count them."""
    mine = Q(user=user)
    if user.email:
        mine |= Q(email=user.email.lower())
    return Registration.objects.filter(mine, status__in=ACTIVE_STATES,
                                       event__end__gt=timezone.now())


def _waiting_ahead() -> Subquery:
    """How many people wait before this registration on its event's list (the order in
    which promote_waiting moves them up)."""
    ahead = (Registration.objects.filter(event=OuterRef("event"),
                                         status=RegistrationStatus.WAITLISTED)
             .filter(Q(waitlisted_at__lt=OuterRef("waitlisted_at"))
                     | Q(waitlisted_at=OuterRef("waitlisted_at"), pk__lt=OuterRef("pk")))
             .order_by().values("event").annotate(total=Count("pk")).values("total"))
    return Coalesce(Subquery(ahead, output_field=IntegerField()), Value(0))


def events_context(request: HttpRequest) -> dict[str, Any]:
    """Places, waiting-list places and series in one query whatever their number (the
    titles in the reader's language come with the other sections' pages)."""
    rows = (own_registrations(request.user)
            .select_related("event__locale", "series__locale")
            .annotate(ahead=_waiting_ahead()).order_by("event__start", "pk"))
    pages = reader_pages(request)
    entries, series = [], {}
    for row in rows:
        entry = {"registration": row, "event": pages.get(row.event),
                 "position": row.ahead + 1,
                 "cancel_url": reverse("events:cancel", args=[row.token])}
        entries.append(entry)
        if row.series_id:
            summary = series.setdefault(row.series_id, {
                "series": pages.get(row.series), "registered": 0,
                "waiting": 0, "next": entry})
            waiting = row.status == RegistrationStatus.WAITLISTED
            summary["waiting" if waiting else "registered"] += 1
    return {
        "registrations": [e for e in entries
                          if e["registration"].status != RegistrationStatus.WAITLISTED],
        "waiting": [e for e in entries
                    if e["registration"].status == RegistrationStatus.WAITLISTED],
        "series": list(series.values()),
    }


def interests_context(request: HttpRequest) -> dict[str, Any]:
    """The expressions of interest sent while signed in, newest first, with the status
    page that the confirmation e-mail links to."""
    sent = (ExpressionOfInterest.objects.filter(user=request.user)
            .select_related("municipality").order_by("-created_at"))
    return {"interests": [{"interest": interest,
                           "status_url": reverse("events:interest_status",
                                                 args=[interest.token])}
                          for interest in sent]}
