"""Guests register without an account: double opt-in, signed links, and limits on the
mail a stranger can make the platform send."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from events.models import Registration, RegistrationStatus
from events.registrations.service import Registrant, register
from tests.community.factories import make_user
from tests.events.factories import make_event
from tests.events.ical_helpers import calendar_of
from tests.events.registration_helpers import link_in, post, register_url

pytestmark = pytest.mark.django_db


def test_a_guest_registers_with_double_opt_in(
        client, calendar, mailbox, django_capture_on_commit_callbacks):
    event = make_event(calendar, capacity=5)
    response = post(client, register_url(event), {
        "name": "Gast Person", "email": "Gast@Kommune.example", "organisation": "Neustadt",
        "consent": "on"}, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 302
    registration = Registration.objects.get()
    assert registration.status == RegistrationStatus.PENDING
    assert registration.email == "gast@kommune.example"
    assert len(mailbox) == 1 and "bestätigen" in mailbox[0].subject
    # No place is held before the address is confirmed.
    assert "5 Plätze frei" in client.get(event.url).content.decode()

    link = link_in(mailbox[0], r"http://\S+/bestaetigen/\S+/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(link)
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CONFIRMED
    assert calendar_of(mailbox[1]).walk("VEVENT")[0]["UID"]
    # The link works once; opening it again changes nothing.
    assert client.get(link).status_code == 200
    assert len(mailbox) == 2


def guest(email, name="Gast Person"):
    return {"name": name, "email": email, "organisation": "Neustadt", "consent": "on"}


def test_the_page_tells_a_guest_nothing_about_who_is_registered(
        client, calendar, member, mailbox, django_capture_on_commit_callbacks):
    """Issue 24: guests were told "registered already" or "on the waiting list" for any
    address they typed. Now every address gets the same page; the truth goes by e-mail
    to the address itself."""
    event = make_event(calendar, capacity=1)
    register(event, Registrant.member(member), confirmed=True)  # takes the one place
    waiting = make_user("wartend")
    register(event, Registrant.member(waiting), confirmed=True)
    mailbox.clear()

    answers = {}
    for label, email in (("new", "neu@kommune.example"), ("registered", member.email),
                         ("waiting", waiting.email)):
        response = post(client, register_url(event), guest(email),
                        capture=django_capture_on_commit_callbacks)
        page = client.get(response["Location"]).content.decode()
        answers[label] = (response.status_code, response["Location"],
                          re.findall(r"Fast geschafft[^<]*", page))
    assert answers["new"] == answers["registered"] == answers["waiting"]
    assert answers["new"][0] == 302 and answers["new"][2]

    by_address = {message.to[0]: message for message in mailbox}
    assert "bestätigen" in by_address["neu@kommune.example"].subject
    assert "bereits angemeldet" in by_address[member.email].body
    assert "Warteliste" in by_address[waiting.email].body
    assert Registration.objects.filter(email=member.email).count() == 1


def test_a_guest_address_gets_at_most_three_mails_an_hour(
        client, calendar, mailbox, django_capture_on_commit_callbacks, frozen_clock):
    event = make_event(calendar)
    answers = [post(client, register_url(event), guest("opfer@kommune.example"),
                    capture=django_capture_on_commit_callbacks).status_code for _ in range(6)]
    assert answers == [302] * 6  # the same answer, mailed or not
    assert len(mailbox) == 3
    frozen_clock.shift(timedelta(hours=1, minutes=1))
    post(client, register_url(event), guest("opfer@kommune.example"),
         capture=django_capture_on_commit_callbacks)
    assert len(mailbox) == 4


def test_one_client_cannot_register_many_guest_addresses(
        client, calendar, mailbox, django_capture_on_commit_callbacks):
    from events.registrations.views import GUEST_REGISTRATIONS_PER_CLIENT_AND_HOUR as limit

    event = make_event(calendar)
    answers = [post(client, register_url(event), guest(f"gast{n}@kommune.example"),
                    capture=django_capture_on_commit_callbacks).status_code
               for n in range(limit + 1)]
    assert answers == [302] * limit + [429]
    assert len(mailbox) == limit
    assert Registration.objects.count() == limit


@pytest.mark.parametrize("data, field_error", [
    ({"name": "Gast", "email": "kein-at-zeichen", "organisation": "X", "consent": "on"},
     "gültige E-Mail"),
    ({"name": "Gast", "email": "gast@kommune.example", "organisation": "X"},
     "Dieses Feld muss ausgefüllt werden."),
    ({"name": "Gast", "email": "gast@kommune.example", "consent": "on"},
     "Wählen Sie Ihre Kommune aus der Liste"),
])
def test_a_guest_with_bad_input_is_told_and_nothing_is_stored(
        client, calendar, mailbox, data, field_error, django_capture_on_commit_callbacks):
    event = make_event(calendar)
    response = post(client, register_url(event), data, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert not Registration.objects.exists()
    assert not mailbox


def test_a_forged_confirmation_or_cancellation_link_is_refused(client, calendar):
    assert client.get("/de/veranstaltungen/anmeldung/bestaetigen/gefaelscht/").status_code == 400
    response = client.get("/de/veranstaltungen/anmeldung/stornieren/gefaelscht/")
    assert response.status_code == 404
    assert "Dieser Stornierungslink ist nicht gültig." in response.content.decode()
    response = client.post("/de/veranstaltungen/anmeldung/stornieren/gefaelscht/",
                           {"scope": "one"})
    assert response.status_code == 404


def test_the_cancellation_link_asks_before_it_cancels(
        client, calendar, member, mailbox, django_capture_on_commit_callbacks):
    event = make_event(calendar)
    client.force_login(member)
    post(client, register_url(event), capture=django_capture_on_commit_callbacks)
    client.logout()
    link = link_in(mailbox[0], r"http://\S+/stornieren/\S+/")
    assert client.get(link).status_code == 200
    assert Registration.objects.get().status == RegistrationStatus.CONFIRMED
    response = post(client, link, {"scope": "one"}, capture=django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Ihre Anmeldung ist storniert." in response.content.decode()
    assert Registration.objects.get().status == RegistrationStatus.CANCELLED
    # Cancelled once: the same link says so and changes nothing.
    assert "bereits storniert" in client.get(link).content.decode()
