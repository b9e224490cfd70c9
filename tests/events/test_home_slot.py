"""The home page's "next events" slot: cached with the content generation and per minute
(home.models.pages.FEATURED_SECONDS), so an event that has started leaves it without any
change of content."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from tests.events.factories import make_event
from tests.home.factories import publish

pytestmark = pytest.mark.django_db


def test_an_event_leaves_the_next_events_slot_when_it_starts(client, site, calendar,
                                                             frozen_clock):
    home = site.root_page.specific
    home.featured = json.dumps([{"type": "slot", "value": {
        "heading": "Nächste Termine", "slot": "next_events", "limit": 3}}])
    publish(home)
    make_event(calendar, title="Gleich geht es los",
               start=timezone.now() + timedelta(minutes=10))
    assert "Gleich geht es los" in client.get("/de/").content.decode()
    assert "Gleich geht es los" in client.get("/de/").content.decode()  # from the cache
    frozen_clock.shift(timedelta(minutes=11))
    assert "Gleich geht es los" not in client.get("/de/").content.decode()
