"""A series page costs the same queries however many sessions it has, for a visitor and
for a member registered for its sessions (issue 18's ceilings: 12 and 16)."""

from __future__ import annotations

import pytest

from events.registrations.service import Registrant, register
from tests.community.factories import make_user
from tests.events.factories import make_series
from tests.queries import warm_query_count

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("member", [False, True], ids=["anonymous", "member"])
def test_series_page_queries_do_not_grow_with_its_sessions(client, calendar, member):
    counts = []
    for sessions, slug in ((2, "kurz"), (8, "lang")):
        series = make_series(calendar, sessions=sessions, slug=slug, title=f"Reihe {slug}")
        if member:
            user = make_user(f"mitglied-{slug}")
            for session in series.sessions():
                register(session, Registrant.member(user), confirmed=True)
            client.force_login(user)
        counts.append(warm_query_count(client, series.get_url()))
    assert counts[0] == counts[1] == (SERIES_MEMBER_QUERIES if member else SERIES_QUERIES)


# Never per session: the sessions' original versions come in one query for all
# (events.models.EventPage.find_registration_events, one per session before). A member's
# page adds the session, the user, the own registrations, unread notifications and
# permissions.
SERIES_QUERIES = 4
SERIES_MEMBER_QUERIES = 10
