"""A registration changes what an event page shows (places left) on the next request,
with the page cache on (home/page_cache.py)."""

from __future__ import annotations

import pytest

from events.registrations.service import Registrant, register
from tests.events.factories import make_event


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


def test_a_registration_shows_in_the_places_left_at_once(client, calendar):
    event = make_event(calendar, capacity=10)
    for _ in range(2):
        assert "10 Plätze frei" in client.get(event.url).content.decode()
    register(event, Registrant(name="Ada Muster", email="ada@muster.example"),
             confirmed=True, notify=False)
    assert "9 Plätze frei" in client.get(event.url).content.decode()
