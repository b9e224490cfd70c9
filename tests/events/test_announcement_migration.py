"""events 0003 moves the announcement bookkeeping off the page and back, losing nothing."""

from __future__ import annotations

from datetime import UTC, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from events.models import EventAnnouncement, EventPage
from tests.events.factories import event_calendar, make_event
from tests.home.factories import bilingual_site, publish, translate

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [("events", "0002_event_manager_role")]
AFTER = [("events", "0003_event_announcements")]


def latest():
    """Every app's newest migration: going back to 0002 also unapplied what came after."""
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


def migrate(target):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def page_columns(pk):
    with connection.cursor() as cursor:
        cursor.execute("SELECT announced_start, announced_place, announced_cancelled, "
                       "calendar_sequence FROM events_eventpage WHERE page_ptr_id = %s", [pk])
        start, place, cancelled, sequence = cursor.fetchone()
    # SQLite's cursor hands back the stored UTC time without its zone.
    if timezone.is_naive(start):
        start = timezone.make_aware(start, UTC)
    return start, place, cancelled, sequence


def test_the_announcements_move_to_their_table_and_back():
    event = make_event(event_calendar(bilingual_site()), place="Rathaus")
    english = translate(event, "en", title="Kick-off", slug="kick-off")
    announced_start = event.start
    event.start += timedelta(days=1)
    event.end += timedelta(days=1)
    publish(event)
    before = EventAnnouncement.objects.values(
        "translation_key", "start", "end", "mode", "place", "joining_link", "cancelled",
        "sequence").get()
    assert before["sequence"] == 1 and before["start"] == event.start
    try:
        migrate(BEFORE)
        for pk in (event.pk, english.pk):
            start, place, cancelled, sequence = page_columns(pk)
            assert (place, cancelled, sequence) == ("Rathaus", False, 1)
            assert start == event.start != announced_start
        migrate(AFTER)
        # 0003 alone brings the announcements back; the rest of the schema follows.
        assert EventAnnouncement.objects.count() == 1
    finally:
        migrate(latest())
    assert EventAnnouncement.objects.values(
        "translation_key", "start", "end", "mode", "place", "joining_link", "cancelled",
        "sequence").get() == before
    assert EventPage.objects.get(pk=english.pk).calendar_sequence == 1
