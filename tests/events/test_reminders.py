"""Reminders a day before, to registered participants only, once."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from events.models import Registration, RegistrationStatus
from events.registrations.service import Registrant, register
from tests.community.factories import make_user
from tests.events.factories import in_days, in_hours, make_event
from tests.home.factories import publish

pytestmark = [pytest.mark.django_db, pytest.mark.clock]


def run() -> str:
    out = StringIO()
    call_command("send_event_reminders", stdout=out)
    return out.getvalue()


def test_registered_participants_are_reminded_once_a_day_before(calendar, mailbox):
    tomorrow = make_event(calendar, title="Morgen", start=in_hours(21), capacity=1)
    make_event(calendar, title="Nächste Woche", start=in_days(7))
    cancelled = make_event(calendar, title="Abgesagt", start=in_hours(19), is_cancelled=True)
    registered, waiting = make_user("dabei"), make_user("wartend")
    register(tomorrow, Registrant.member(registered), confirmed=True)
    register(tomorrow, Registrant.member(waiting), confirmed=True)
    Registration.objects.create(event=cancelled, name="X", email="x@kommune.example",
                                status=RegistrationStatus.CONFIRMED)
    mailbox.clear()

    assert run().startswith("1 ")
    assert [m.to for m in mailbox] == [[registered.email]]
    assert mailbox[0].subject == "Morgen: Morgen"
    assert any(name.endswith(".ics") for name, *_rest in mailbox[0].attachments)
    assert "konferenz.example" in mailbox[0].body
    # Running again (or twice from cron) reminds nobody twice.
    assert run().startswith("0 ")
    assert len(mailbox) == 1


def test_a_failed_e_mail_is_tried_again_on_the_next_run(calendar, mailbox, monkeypatch):
    event = make_event(calendar, start=in_hours(12))
    register(event, Registrant.member(make_user("dabei")), confirmed=True)
    mailbox.clear()

    from events.registrations import emails

    def broken(*args, **kwargs):
        raise ConnectionError("mail server away")

    with monkeypatch.context() as patched:
        patched.setattr(emails, "send_reminder", broken)
        assert run().startswith("0 ")
    assert Registration.objects.get().reminder_sent_at is None
    assert run().startswith("1 ")
    assert len(mailbox) == 1


def test_an_event_moved_after_its_reminder_is_reminded_of_again(
        calendar, mailbox, django_capture_on_commit_callbacks):
    event = make_event(calendar, title="Verschoben", start=in_hours(20))
    register(event, Registrant.member(make_user("dabei")), confirmed=True)
    assert run().startswith("1 ")
    event.start, event.end = in_hours(23), in_hours(25)
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    mailbox.clear()
    # The reminder named the old time: the new one is due again.
    assert run().startswith("1 ")
    assert mailbox[0].subject == "Morgen: Verschoben"
    # A change that keeps the start (a new place) does not remind twice.
    event.place = "Rathaus"
    with django_capture_on_commit_callbacks(execute=True):
        publish(event)
    assert run().startswith("0 ")
