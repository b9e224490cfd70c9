"""A series changes after people registered for all of it: a session added later."""

from __future__ import annotations

import pytest

from events.models import Registration, RegistrationStatus
from events.registrations.service import (
    Registrant,
    cancel_series,
    register,
    register_for_series,
)
from tests.community.conftest import make_user
from tests.events.factories import in_days, make_event, make_series
from tests.events.test_registrations import calendar_of
from tests.home.factories import publish

pytestmark = pytest.mark.django_db


def member(name, language="de"):
    user = make_user(name)
    user.member_profile.language = language
    user.member_profile.save()
    return user


def test_a_session_added_later_gets_the_series_registrants_in_their_order(
        calendar, mailbox, django_capture_on_commit_callbacks):
    series = make_series(calendar, sessions=2, capacity=2)
    anna, ben, cara, dora = (member("anna"), member("ben", "en"), member("cara"),
                             member("dora", "en"))
    for person in (anna, ben, cara, dora):
        register_for_series(series, Registrant.member(person), confirmed=True)
    # Someone registered for one session only is not registered for the series.
    single = make_user("einzeln")
    register(series.sessions().first(), Registrant.member(single), confirmed=True)
    mailbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        added = make_event(series, title="Sitzung 3", start=in_days(60, hour=14), hours=2,
                           capacity=2)
    made = Registration.objects.filter(event=added).order_by("pk")
    assert [(r.email, r.status) for r in made] == [
        (anna.email, RegistrationStatus.CONFIRMED),
        (ben.email, RegistrationStatus.CONFIRMED),
        (cara.email, RegistrationStatus.WAITLISTED),
        (dora.email, RegistrationStatus.WAITLISTED)]
    assert all(r.series_id == series.pk for r in made)
    waiting = added.registrations.filter(status="waitlisted").order_by("waitlisted_at", "pk")
    assert [r.email for r in waiting] == [cara.email, dora.email]

    # Each is told once, in their own language; a place comes with its calendar entry.
    assert sorted(m.to[0] for m in mailbox) == sorted(
        p.email for p in (anna, ben, cara, dora))
    to = {m.to[0]: m for m in mailbox}
    assert to[anna.email].subject == "Neue Sitzung in Ihrer Reihe Peer-Learning Mobilität"
    assert to[ben.email].subject == "New session in your series Peer-Learning Mobilität"
    assert [str(e["SUMMARY"]) for e in calendar_of(to[anna.email]).walk("VEVENT")] == [
        "Sitzung 3"]
    assert "Warteliste" in to[cara.email].body
    assert not [a for a in to[cara.email].attachments if a[0].endswith(".ics")]

    # Publishing the session again registers and tells nobody twice.
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        publish(added)
    assert not mailbox
    assert added.registrations.count() == 4


def test_people_who_cancelled_the_series_are_not_registered_for_a_new_session(
        calendar, mailbox, django_capture_on_commit_callbacks):
    series = make_series(calendar, sessions=2, capacity=5)
    gone = member("weg")
    made = register_for_series(series, Registrant.member(gone), confirmed=True)
    cancel_series(made[0])
    mailbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        added = make_event(series, title="Sitzung 3", start=in_days(60, hour=14))
    assert not added.registrations.exists()
    assert not mailbox
