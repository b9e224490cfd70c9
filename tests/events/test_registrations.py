"""Registering, the waiting list and cancelling, from the site, as participants do it."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from events.models import Registration, RegistrationStatus
from events.registrations.service import Registrant, register
from tests.community.factories import make_user
from tests.events.factories import in_days, make_event, make_series
from tests.events.ical_helpers import calendar_of
from tests.events.registration_helpers import post, register_url
from tests.home.factories import publish

pytestmark = pytest.mark.django_db


def test_a_member_registers_in_one_click_and_gets_the_calendar_file(
        client, calendar, member, mailbox, django_capture_on_commit_callbacks):
    event = make_event(calendar, capacity=10)
    client.force_login(member)
    response = post(client, register_url(event), capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert len(mailbox) == 1
    assert mailbox[0].to == [member.email]
    assert "Kick-off-Workshop" in mailbox[0].subject
    vevent = calendar_of(mailbox[0]).walk("VEVENT")[0]
    assert str(vevent["SUMMARY"]) == "Kick-off-Workshop"
    assert vevent.decoded("DTSTART") == event.start
    assert "konferenz.example/raum-42" in str(vevent["DESCRIPTION"])

    page = client.get(event.url)
    assert "Sie sind für diese Veranstaltung angemeldet." in page.content.decode()
    assert "https://konferenz.example/raum-42" in page.content.decode()
    assert "9 Plätze frei" in page.content.decode()


def test_the_joining_link_is_for_registered_participants_only(client, calendar, member):
    event = make_event(calendar)
    assert "konferenz.example" not in client.get(event.url).content.decode()
    client.force_login(member)
    assert "konferenz.example" not in client.get(event.url).content.decode()
    assert "konferenz.example" not in client.get(
        f"/de/veranstaltungen/{event.pk}/kalender.ics").content.decode()


def test_registering_twice_is_refused_and_keeps_one_registration(
        client, calendar, member, mailbox, django_capture_on_commit_callbacks):
    event = make_event(calendar)
    client.force_login(member)
    post(client, register_url(event), capture=django_capture_on_commit_callbacks)
    response = post(client, register_url(event), capture=django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert "Sie sind für diese Veranstaltung bereits angemeldet." in response.content.decode()
    assert Registration.objects.count() == 1
    assert len(mailbox) == 1


def test_a_full_event_puts_people_on_the_waiting_list_who_move_up_on_cancellation(
        client, calendar, mailbox, django_capture_on_commit_callbacks):
    event = make_event(calendar, capacity=1)
    first, second, third = (make_user(name) for name in ("erste", "zweite", "dritte"))
    for person in (first, second, third):
        client.force_login(person)
        post(client, register_url(event), capture=django_capture_on_commit_callbacks)
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {first.email: "confirmed", second.email: "waitlisted",
                        third.email: "waitlisted"}
    assert "Warteliste" in mailbox[1].subject
    assert not [a for a in mailbox[1].attachments if a[0].endswith(".ics")]

    mailbox.clear()
    client.force_login(first)
    response = post(client, f"/de/veranstaltungen/{event.pk}/abmelden/",
                    capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    statuses = dict(Registration.objects.values_list("email", "status"))
    assert statuses == {first.email: "cancelled", second.email: "confirmed",
                        third.email: "waitlisted"}
    to = {message.to[0]: message for message in mailbox}
    assert set(to) == {first.email, second.email}
    assert "Ein Platz ist für Sie frei geworden" in to[second.email].subject
    assert calendar_of(to[second.email]).walk("VEVENT")[0]["STATUS"] == "CONFIRMED"
    assert calendar_of(to[first.email]).get("METHOD") == "CANCEL"


@pytest.mark.clock
def test_registration_closes_at_the_deadline_and_for_past_events(
        client, calendar, member, django_capture_on_commit_callbacks):
    closed = make_event(calendar, title="Geschlossen",
                        registration_deadline=timezone.now() - timedelta(hours=1))
    past = make_event(calendar, title="Vorbei", start=in_days(-3))
    client.force_login(member)
    for event, reason in ((closed, "Die Anmeldung endete am"),
                          (past, "Diese Veranstaltung ist vorbei.")):
        response = post(client, register_url(event), capture=django_capture_on_commit_callbacks)
        assert response.status_code == 400
        assert reason in response.content.decode()
    assert not Registration.objects.exists()


def test_registering_for_a_series_registers_for_every_session_in_one_e_mail(
        client, calendar, member, mailbox, django_capture_on_commit_callbacks):
    series = make_series(calendar)
    client.force_login(member)
    response = post(client, f"/de/veranstaltungen/reihe/{series.pk}/anmelden/",
                    capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Registration.objects.filter(status="confirmed", series=series).count() == 6
    assert len(mailbox) == 1
    sessions = calendar_of(mailbox[0]).walk("VEVENT")
    assert [str(s["SUMMARY"]) for s in sessions] == [f"Sitzung {n}" for n in range(1, 7)]

    # Cancelling one session through its link keeps the other five.
    mailbox.clear()
    client.logout()
    registration = Registration.objects.filter(series=series).order_by("event__start")[2]
    response = post(client, f"/de/veranstaltungen/anmeldung/stornieren/{registration.token}/",
                    {"scope": "one"}, capture=django_capture_on_commit_callbacks)
    assert Registration.objects.filter(status="confirmed").count() == 5
    # … and the whole series cancels the rest, in one e-mail.
    other = Registration.objects.filter(series=series, status="confirmed").first()
    post(client, f"/de/veranstaltungen/anmeldung/stornieren/{other.token}/",
         {"scope": "series"}, capture=django_capture_on_commit_callbacks)
    assert not Registration.objects.filter(status="confirmed").exists()
    assert len(mailbox) == 2


def test_a_moved_session_is_announced_with_an_updated_calendar_entry(
        calendar, member, mailbox, django_capture_on_commit_callbacks):
    event = make_event(calendar)
    register(event, Registrant.member(member), confirmed=True)
    mailbox.clear()
    event.start += timedelta(days=1)
    event.end += timedelta(days=1)
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    assert len(mailbox) == 1
    assert "Neuer Termin oder Ort" in mailbox[0].subject
    vevent = calendar_of(mailbox[0]).walk("VEVENT")[0]
    assert vevent["SEQUENCE"] == 1
    assert vevent.decoded("DTSTART") == event.start
    # Publishing again without a change tells nobody.
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    assert len(mailbox) == 1

    event.is_cancelled = True
    event.cancellation_note = "Die Referentin ist erkrankt."
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    assert "Abgesagt" in mailbox[1].subject
    assert "Die Referentin ist erkrankt." in mailbox[1].body
    assert calendar_of(mailbox[1]).get("METHOD") == "CANCEL"


def test_raising_the_capacity_moves_people_up(
        calendar, mailbox, django_capture_on_commit_callbacks):
    event = make_event(calendar, capacity=1)
    people = [make_user(name) for name in ("eins", "zwei", "drei")]
    for person in people:
        register(event, Registrant.member(person), confirmed=True)
    event.capacity = 2
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    assert list(Registration.objects.order_by("pk").values_list("status", flat=True)) == [
        "confirmed", "confirmed", "waitlisted"]


def test_an_event_cannot_end_before_it_starts_or_shrink_below_its_registrations(
        calendar, member):
    event = make_event(calendar, capacity=3)
    for person in (member, make_user("zweiter")):
        register(event, Registrant.member(person), confirmed=True)
    event.end = event.start - timedelta(hours=1)
    event.capacity = 1
    with pytest.raises(ValidationError) as refused:
        event.full_clean()
    assert "Die Veranstaltung muss nach ihrem Beginn enden." in refused.value.message_dict["end"]
    assert "2 Personen sind bereits angemeldet" in refused.value.message_dict["capacity"][0]


def test_english_pages_share_the_german_registrations(
        client, calendar, member, mailbox, django_capture_on_commit_callbacks):
    from tests.home.factories import translate

    event = make_event(calendar, capacity=4)
    english = translate(event, "en", title="Kick-off workshop", slug="kick-off")
    member.member_profile.language = "en"
    member.member_profile.save()
    client.force_login(member)
    response = post(client, register_url(english, "en"),
                    capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert Registration.objects.get().event_id == event.pk
    with translation.override("en"):
        assert mailbox[0].subject == "Your registration: Kick-off workshop"
    assert "3 places left" in client.get(english.url).content.decode()


def test_people_without_a_place_never_get_the_joining_link_by_e_mail(
        calendar, mailbox, django_capture_on_commit_callbacks):
    from events.registrations.service import cancel

    event = make_event(calendar, capacity=1)
    holder, waiting = make_user("platz"), make_user("wartet")
    with django_capture_on_commit_callbacks(execute=True):
        register(event, Registrant.member(holder), confirmed=True)
        waiting_registration = register(event, Registrant.member(waiting), confirmed=True)
    event.start += timedelta(hours=2)
    event.end += timedelta(hours=2)
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
        cancel(waiting_registration)
    to_waiting = [m for m in mailbox if m.to == [waiting.email]]
    assert len(to_waiting) == 3  # waiting list, new date, cancelled
    for message in to_waiting:
        assert "konferenz.example" not in message.body
        for _name, content, _type in message.attachments:
            assert "konferenz.example" not in content
    to_holder = [m for m in mailbox if m.to == [holder.email]]
    assert "konferenz.example" in str(calendar_of(to_holder[-1]).walk("VEVENT")[0]["DESCRIPTION"])


def test_registrations_stay_with_an_event_written_in_english_first(client, site, member):
    from wagtail.models import Locale

    from events.models import EventIndexPage
    from tests.home.factories import translate

    english_home = site.root_page.get_translation(Locale.objects.get(language_code="en"))
    index = english_home.add_child(instance=EventIndexPage(
        title="Events", slug="events", locale_id=english_home.locale_id))
    publish(index)
    event = make_event(index, title="Kick-off", capacity=3)
    register(event, Registrant.member(member), confirmed=True)
    german_index = translate(index, "de", title="Veranstaltungen", slug="veranstaltungen")
    german = translate(event, "de", title="Auftakt", slug="auftakt")
    assert german_index and german.registration_event().pk == event.pk
    client.force_login(member)
    assert "Sie sind für diese Veranstaltung angemeldet." in client.get(
        german.url).content.decode()


def test_the_series_page_offers_registration_only_for_sessions_the_member_is_not_in(
        client, calendar, member):
    series = make_series(calendar, capacity=1)
    sessions = [session.specific for session in series.get_children().order_by("pk")]
    client.force_login(member)
    register_form = f'action="/de/veranstaltungen/reihe/{series.pk}/anmelden/"'

    # Registered for two of six: the button registers for the other four, and says so.
    for session in sessions[:2]:
        register(session, Registrant.member(member), confirmed=True)
    page = client.get(series.url).content.decode()
    assert register_form in page
    assert "für die 4 Sitzungen an, für die Sie noch nicht angemeldet sind" in page

    # A place in every session: no button, the page says where the member stands.
    for session in sessions[2:]:
        register(session, Registrant.member(member), confirmed=True)
    page = client.get(series.url).content.decode()
    assert register_form not in page
    assert "Ihre Anmeldung zur Reihe" in page
    assert "Sie haben einen Platz in allen 6 Sitzungen" in page

    # On the waiting list for one session: registered everywhere, but not "a place" in all.
    Registration.objects.filter(event=sessions[5]).delete()
    register(sessions[5], Registrant.member(make_user("vorher")), confirmed=True)
    register(sessions[5], Registrant.member(member), confirmed=True)
    page = client.get(series.url).content.decode()
    assert register_form not in page
    assert "Sie sind für alle 6 Sitzungen angemeldet" in page
    assert "Sie haben einen Platz" not in page

    # Someone else, signed out, is offered all six.
    client.logout()
    page = client.get(series.url).content.decode()
    assert register_form in page
    assert "für alle 6 Sitzungen an, die noch Anmeldungen annehmen" in page
