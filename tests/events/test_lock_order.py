"""Cancelling a whole series and single registrations and cancellations at the same moment,
on PostgreSQL: every request locks the sessions it changes once, in one global order
(start, then id), so two of them never wait for each other in a circle (a deadlock,
which PostgreSQL ends by failing one of them: a 500). SQLite runs one writer at a time,
so the race needs PostgreSQL; CI runs this file there."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections
from django.test import Client

from events.models import ACTIVE_STATES, Registration, RegistrationStatus
from events.registrations.service import Registrant, register, register_for_series
from tests.community.factories import make_user
from tests.events.factories import event_calendar, make_series
from tests.home.factories import bilingual_site

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="the race needs concurrent writers: run with DATABASE_URL "
                              "pointing at PostgreSQL"),
]

ROUNDS = 25


def at_once(*requests):
    """Run each request in a thread of its own (so each has its own database
    connection), released together; returns their status codes."""
    start = threading.Barrier(len(requests))
    statuses = [None] * len(requests)

    def run(number, request):
        try:
            start.wait()
            statuses[number] = request()
        except Exception as error:  # the deadlock, as the test should report it
            statuses[number] = repr(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(n, r)) for n, r in enumerate(requests)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def signed_in(user):
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_cancelling_a_series_and_single_registrations_at_once_never_deadlocks():
    series = make_series(event_calendar(bilingual_site()), sessions=3, capacity=None)
    sessions = list(series.sessions())
    # Two sessions at the same hour: only the id tells their order.
    sessions[2].start, sessions[2].end = sessions[1].start, sessions[1].end
    sessions[2].save()
    failures = []
    for round_number in range(ROUNDS):
        leaving, joining, single = (make_user(f"{name}{round_number}")
                                    for name in ("geht", "kommt", "einzeln"))
        # Registered for the first session on its own, then for the rest of the series.
        register(sessions[0], Registrant.member(leaving), confirmed=True, notify=False)
        register_for_series(series, Registrant.member(leaving), confirmed=True)
        for session in (sessions[0], sessions[2]):
            register(session, Registrant.member(single), confirmed=True, notify=False)

        statuses = at_once(
            lambda u=leaving: signed_in(u).delete(
                f"/api/v2/event-series/{series.pk}/registration/").status_code,
            lambda u=joining: signed_in(u).post(
                f"/api/v2/event-series/{series.pk}/registration/").status_code,
            lambda u=single: signed_in(u).delete(
                f"/api/v2/events/{sessions[0].pk}/registration/").status_code,
            lambda u=single: signed_in(u).delete(
                f"/api/v2/events/{sessions[2].pk}/registration/").status_code,
        )
        if statuses != [204, 201, 204, 204]:
            failures.append((round_number, statuses))
            continue
        assert not Registration.objects.filter(
            email__in=[leaving.email, single.email], status__in=ACTIVE_STATES).exists()
        assert Registration.objects.filter(
            email=joining.email, status=RegistrationStatus.CONFIRMED).count() == 3
    assert failures == []
