"""Reminders of reports not submitted: once in the week before the due date, once after
it, to the project's own team, each in the member's language; a second run sends
nothing (frozen clock)."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from repository.models import Report, ReportStatus
from repository.reporting import emails
from tests.repository.reporting_helpers import english

pytestmark = pytest.mark.django_db


def run() -> str:
    out = StringIO()
    call_command("send_report_reminders", stdout=out)
    return out.getvalue()


def test_each_team_is_reminded_once_before_and_once_after_the_due_date(
        reporting, mailoutbox, frozen_clock):
    english(reporting["helper"])
    # Ten days ahead: too early.
    assert run().startswith("0 ")
    frozen_clock.shift(datetime.timedelta(days=4))
    assert run().startswith("3 ")
    by_address = {message.to[0]: message for message in mailoutbox}
    assert set(by_address) == {reporting["lead"].email, reporting["helper"].email,
                               reporting["ulmlead"].email}
    assert by_address[reporting["lead"].email].subject == (
        "Erinnerung: Der Bericht „Bericht 2026-1“ für Smart City Bamberg ist bald fällig")
    helper = by_address[reporting["helper"].email]
    assert helper.subject == ("Reminder: the report “Bericht 2026-1” for Smart City Bamberg "
                              "is due soon")
    assert f"/en/reports/{reporting['report'].pk}/" in helper.body
    assert f"/de/berichte/{reporting['report'].pk}/" in by_address[
        reporting["lead"].email].body
    # Nobody outside the teams hears of it.
    assert reporting["plain"].email not in by_address
    assert reporting["editor"].email not in by_address
    assert run().startswith("0 ")
    assert len(mailoutbox) == 3

    # Bamberg submits; after the due date only Ulm is reminded, once.
    Report.objects.filter(pk=reporting["report"].pk).update(status=ReportStatus.SUBMITTED)
    mailoutbox.clear()
    frozen_clock.shift(datetime.timedelta(days=7))
    assert run().startswith("1 ")
    assert [message.to for message in mailoutbox] == [[reporting["ulmlead"].email]]
    assert "überfällig" in mailoutbox[0].subject
    assert run().startswith("0 ")
    frozen_clock.shift(datetime.timedelta(days=3))
    assert run().startswith("0 ")
    assert len(mailoutbox) == 1


def test_a_team_reminded_late_only_gets_the_after_reminder(reporting, mailoutbox,
                                                           frozen_clock):
    frozen_clock.shift(datetime.timedelta(days=12))
    assert run().startswith("3 ")
    assert all("überfällig" in message.subject for message in mailoutbox)
    assert run().startswith("0 ")


def test_a_closed_round_reminds_nobody(reporting, mailoutbox, frozen_clock):
    reporting["round"].closed = True
    reporting["round"].save()
    frozen_clock.shift(datetime.timedelta(days=12))
    assert run().startswith("0 ")


def test_a_failed_e_mail_is_tried_again_on_the_next_run(reporting, mailoutbox, frozen_clock,
                                                        monkeypatch):
    frozen_clock.shift(datetime.timedelta(days=5))

    def broken(*args, **kwargs):
        raise ConnectionError("mail server away")

    with monkeypatch.context() as patched:
        patched.setattr(emails, "send_reminder", broken)
        assert run().startswith("0 ")
    assert not Report.objects.filter(reminded_before_at__isnull=False).exists()
    assert run().startswith("3 ")
