"""Many members ask for the last places at the same moment, over HTTP, against
PostgreSQL: nobody is lost, nobody is registered twice, and the event is never
overbooked. (SQLite runs one writer at a time, so the race needs PostgreSQL.)"""

from __future__ import annotations

import pytest
from django.db import connection

from events.models import Registration, RegistrationStatus
from tests.community.factories import make_user
from tests.events.factories import event_calendar, make_event
from tests.events.load import register_in_parallel, session_cookies
from tests.home.factories import bilingual_site

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="the race needs concurrent writers: run with DATABASE_URL "
                              "pointing at PostgreSQL"),
]


@pytest.fixture
def small_event(live_server):
    return make_event(event_calendar(bilingual_site()), capacity=5)


def test_parallel_registrations_never_overbook(live_server, small_event):
    people = [make_user(f"kommune{n}") for n in range(40)]
    url = f"{live_server.url}/de/veranstaltungen/{small_event.pk}/anmelden/"
    outcome = register_in_parallel(url, session_cookies(people), workers=20)
    assert set(outcome.statuses) == {302}
    statuses = list(Registration.objects.values_list("status", flat=True))
    assert len(statuses) == 40
    assert statuses.count(RegistrationStatus.CONFIRMED) == 5
    assert statuses.count(RegistrationStatus.WAITLISTED) == 35


def test_one_member_pressing_many_times_is_registered_once(live_server, small_event):
    member = make_user("ungeduldig")
    url = f"{live_server.url}/de/veranstaltungen/{small_event.pk}/anmelden/"
    outcome = register_in_parallel(url, session_cookies([member]) * 10, workers=10)
    assert sorted(set(outcome.statuses)) == [302, 400]
    assert outcome.statuses.count(302) == 1
    assert Registration.objects.filter(email=member.email).count() == 1
