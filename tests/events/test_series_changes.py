"""Events change after people registered: a session added to a series later, an older
revision published again."""

from __future__ import annotations

from datetime import timedelta

import pytest

from events.models import EventPage, Registration, RegistrationStatus
from events.registrations.service import (
    Registrant,
    cancel_series,
    register,
    register_for_series,
)
from tests.community.factories import make_user
from tests.events.factories import in_days, make_event, make_series
from tests.events.ical_helpers import calendar_of
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


def test_publishing_an_older_revision_announces_nothing_twice_and_never_lowers_the_sequence(
        calendar, member, mailbox, django_capture_on_commit_callbacks):
    event = make_event(calendar)
    first_date = event.start
    register(event, Registrant.member(member), confirmed=True)
    original = event.latest_revision
    mailbox.clear()
    event.start += timedelta(days=1)
    event.end += timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    moved = EventPage.objects.get(pk=event.pk).latest_revision
    assert len(mailbox) == 1
    assert calendar_of(mailbox[0]).walk("VEVENT")[0]["SEQUENCE"] == 1

    # The revision that made the change, published again: nothing new to tell.
    with django_capture_on_commit_callbacks(execute=True):
        moved.publish()
    assert len(mailbox) == 1
    assert EventPage.objects.get(pk=event.pk).calendar_sequence == 1

    # The original date restored: one message, and the SEQUENCE goes on up.
    with django_capture_on_commit_callbacks(execute=True):
        original.publish()
    assert len(mailbox) == 2
    vevent = calendar_of(mailbox[1]).walk("VEVENT")[0]
    assert vevent.decoded("DTSTART") == first_date
    assert vevent["SEQUENCE"] == 2
    with django_capture_on_commit_callbacks(execute=True):
        original.publish()
    assert len(mailbox) == 2
    assert EventPage.objects.get(pk=event.pk).calendar_sequence == 2


def test_a_new_joining_link_mode_or_place_is_announced_to_whom_it_concerns(
        calendar, mailbox, django_capture_on_commit_callbacks):
    event = make_event(calendar, capacity=1)
    holder, waiting = member("platz"), member("wartet", "en")
    register(event, Registrant.member(holder), confirmed=True)
    register(event, Registrant.member(waiting), confirmed=True)
    mailbox.clear()

    # A new joining link: only the participant with a place has (and gets) it.
    event.joining_link = "https://konferenz.example/raum-7"
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    assert [m.to for m in mailbox] == [[holder.email]]
    assert mailbox[0].subject == "Geänderte Angaben: Kick-off-Workshop"
    assert "Der Zugangslink hat sich geändert." in mailbox[0].body
    assert "konferenz.example/raum-7" in mailbox[0].body
    assert calendar_of(mailbox[0]).walk("VEVENT")[0]["SEQUENCE"] == 1

    # On site now, with a place: everyone, each in their language.
    mailbox.clear()
    event.mode, event.place = "hybrid", "Rathaus Ulm, Marktplatz 1"
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    to = {m.to[0]: m for m in mailbox}
    assert set(to) == {holder.email, waiting.email}
    assert "Die Veranstaltung findet jetzt so statt: Hybrid." in to[holder.email].body
    assert "The event now takes place: Hybrid." in to[waiting.email].body
    assert "Rathaus Ulm, Marktplatz 1" in to[waiting.email].body
    assert "raum-7" not in to[waiting.email].body
    assert calendar_of(to[holder.email]).walk("VEVENT")[0]["SEQUENCE"] == 2
    # Someone waiting has no place to put in a calendar yet.
    assert not [a for a in to[waiting.email].attachments if a[0].endswith(".ics")]
