"""Pages that change by the clock alone, with the page cache on (home/page_cache.py): the
home page is kept until its next event starts, the calendar PAGE_CACHE_SECONDS at most."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from home.page_cache import HIT_HEADER
from tests.events.factories import make_event
from tests.home.factories import publish


@pytest.fixture(autouse=True)
def page_cache(settings):
    settings.PAGE_CACHE_SECONDS = 60


def _max_age(response) -> int:
    return int(response["Cache-Control"].split("max-age=")[1].split(",")[0])


def test_the_home_page_is_kept_until_its_next_event_starts(client, site, calendar,
                                                          frozen_clock):
    home = site.root_page.specific
    home.featured = json.dumps([{"type": "slot", "value": {
        "heading": "Nächste Termine", "slot": "next_events", "limit": 3}}])
    publish(home)
    make_event(calendar, title="Bald geht es los", start=timezone.now() + timedelta(minutes=5))
    client.get("/de/")  # the first request of a new site creates its settings
    kept = client.get("/de/")
    assert "Bald geht es los" in kept.content.decode()
    frozen_clock.shift(timedelta(minutes=3))  # past PAGE_CACHE_SECONDS, not yet started
    again = client.get("/de/")
    assert again[HIT_HEADER] == "hit"
    assert _max_age(again) <= 2 * 60  # a proxy keeps it no longer than until the start
    frozen_clock.shift(timedelta(minutes=2, seconds=1))
    started = client.get("/de/")
    assert started[HIT_HEADER] == "miss"
    assert "Bald geht es los" not in started.content.decode()


def test_the_calendar_is_kept_page_cache_seconds_at_most(client, calendar, frozen_clock):
    make_event(calendar, title="Endet gleich", start=timezone.now() - timedelta(minutes=30),
               hours=0.5 + 30 / 3600)
    client.get(calendar.url)  # the first request of a new site creates its settings
    client.get(calendar.url)
    kept = client.get(calendar.url)
    assert kept[HIT_HEADER] == "hit" and "Endet gleich" in kept.content.decode()
    assert _max_age(kept) <= 60
    frozen_clock.shift(timedelta(seconds=61))
    ended = client.get(calendar.url)
    assert ended[HIT_HEADER] == "miss"
    assert "Endet gleich" not in ended.content.decode()
