"""Helpers of the Akademie tests: pages added and published, registrations for a
course's sessions, attendance recorded as the office records it."""

from __future__ import annotations

from typing import Any

from academy.models import CourseModulePage
from events.models import Registration, RegistrationStatus
from tests.events.factories import make_series
from tests.home.factories import publish


def add_page(parent: Any, page: Any) -> Any:
    page.locale_id = parent.locale_id
    parent.add_child(instance=page)
    return type(page).objects.get(pk=publish(page).pk)


def sessions_of(academy: dict[str, Any]) -> list[Any]:
    return [session for series in academy["series"] for session in series.sessions()]


def register_for_all(academy: dict[str, Any], user: Any) -> list[Registration]:
    return [Registration.objects.create(event=session, user=user, name=str(user.email),
                                        email=user.email, status=RegistrationStatus.CONFIRMED)
            for session in sessions_of(academy)]


def record_attendance(client: Any, event: Any, present: list[Registration]) -> Any:
    """The office ticks who was there, as on the event's registrations page."""
    return client.post(f"/admin/events/{event.pk}/registrations/",
                       {"attendance": "1", "attended": [r.pk for r in present]})


def add_module(academy, number: int) -> CourseModulePage:
    series = make_series(academy["calendar"], title=f"Modul {number}", sessions=2,
                         first_in_days=-20, slug=f"modul-extra-{number}")
    return add_page(academy["course"], CourseModulePage(
        title=f"Zusatzmodul {number}", slug=f"zusatz-{number}", summary="Mehr.", hours=4,
        series=series))
