"""Start Smart benchmark: the event calendar with E events (listing, filtered listing,
past events, the iCalendar feed, an event page), then R registrations from C parallel
clients over HTTP for an event with fewer places, checking that none is lost and none
overbooked.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python tests/bench/bench_events.py --events 2000 --registrations 500 \\
        --clients 20 [--places 100] [--requests 200]

The load part needs PostgreSQL (SQLite runs one writer at a time); on SQLite it is
skipped with a note. Not a pytest module.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import timedelta

from common import PROJECT_ROOT, measure, report, run_in_test_database

SEED = 2026


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=2000)
    parser.add_argument("--registrations", type=int, default=500)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--places", type=int, default=100)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args(argv)
    if min(args.events, args.registrations, args.clients, args.places, args.requests) < 1:
        parser.error("all numbers must be at least 1")
    return args


def seed(args: argparse.Namespace) -> dict:
    from django.utils import timezone
    from wagtail.models import Locale, Page, Site

    from events.models import EventFormat, EventIndexPage, EventMode, EventPage
    from home.models import HomePage
    from repository.models import Topic

    started = time.perf_counter()
    rng = random.Random(SEED)
    german = Locale.objects.get(language_code="de")
    root = Page.get_first_root_node()
    home = root.add_child(instance=HomePage(title="Start", slug="start", locale=german,
                                            hero_title="Start"))
    Site.objects.all().delete()
    Site.objects.create(hostname="localhost", port=80, root_page=home, is_default_site=True)
    topics = [Topic.objects.create(name=f"Thema {n}", slug=f"thema-{n}", locale=german)
              for n in range(12)]
    index = home.add_child(instance=EventIndexPage(title="Veranstaltungen",
                                                   slug="veranstaltungen", locale=german))
    index.save_revision().publish()
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    formats = [value for value in EventFormat.values if value != "other"]
    # Pages go into the tree one by one (treebeard paths), published without revisions:
    # what the listing reads is the live pages, not their history.
    for number in range(args.events):
        start = now + timedelta(days=rng.randint(-365, 365), hours=rng.randint(0, 8))
        event = EventPage(
            title=f"Veranstaltung {number}", slug=f"veranstaltung-{number}", locale=german,
            format=rng.choice(formats), summary="Worum es geht.", start=start,
            end=start + timedelta(hours=2), mode=rng.choice(EventMode.values),
            place="Rathaus", capacity=50, live=True, first_published_at=now,
            last_published_at=now)
        index.add_child(instance=event)
        event.topics.set(rng.sample(topics, 2))
        event.save()
    from django.db import connection

    if connection.vendor == "postgresql":
        # As autovacuum would on a live database: the planner must know the tables' size.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    target = EventPage.objects.filter(start__gt=now + timedelta(days=2)).first()
    target.capacity = args.places
    target.save()
    print(f"seeded {args.events} events in {time.perf_counter() - started:.1f} s")
    return {"index": index, "target": target, "topic": topics[0].slug}


def measure_pages(args: argparse.Namespace, seeded: dict) -> int:
    from django.test import Client

    client = Client()
    index_url = "/de/veranstaltungen/"
    month = (seeded["target"].start).strftime("%Y-%m")
    targets = [
        ("calendar, upcoming", index_url),
        ("calendar, filtered", f"{index_url}?format=kickoff&mode=virtual&topic="
                               f"{seeded['topic']}&month={month}"),
        ("calendar, past, page 3", f"{index_url}?when=past&page=3"),
        ("iCalendar feed", f"{index_url}ical/"),
        ("event page", seeded["target"].url),
        ("API events, upcoming", "/api/v2/events/?when=upcoming&limit=20"),
    ]
    results = [measure(client, label, url, args.requests) for label, url in targets]
    return report(results, "events", args.events, False)


def load(args: argparse.Namespace, seeded: dict) -> int:
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test.testcases import LiveServerThread, _StaticFilesHandler

    from community.models import MemberProfile
    from events.models import Registration, RegistrationStatus

    if connection.vendor != "postgresql":
        print("registration under load: skipped (needs PostgreSQL; set DATABASE_URL)")
        return 0
    sys.path.insert(0, str(PROJECT_ROOT))
    from tests.events.load import register_in_parallel, session_cookies

    users = get_user_model()
    people = users.objects.bulk_create([
        users(username=f"kommune{n}@bench.example", email=f"kommune{n}@bench.example")
        for n in range(args.registrations)])
    people = list(users.objects.filter(username__endswith="@bench.example").order_by("pk"))
    MemberProfile.objects.bulk_create([MemberProfile(user=user, display_name=f"Kommune {n}")
                                       for n, user in enumerate(people)])
    cookies = session_cookies(people)

    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    server = LiveServerThread("127.0.0.1", _StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    event = seeded["target"]
    url = f"http://127.0.0.1:{server.port}/de/veranstaltungen/{event.pk}/anmelden/"
    started = time.perf_counter()
    try:
        outcome = register_in_parallel(url, cookies, workers=args.clients)
    finally:
        server.terminate()
    elapsed = time.perf_counter() - started

    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    confirmed = statuses.count(RegistrationStatus.CONFIRMED)
    waiting = statuses.count(RegistrationStatus.WAITLISTED)
    answers = {status: outcome.statuses.count(status) for status in sorted(set(outcome.statuses))}
    lost = args.registrations - len(statuses)
    overbooked = max(confirmed - args.places, 0)
    print(f"registration under load: {args.registrations} members, {args.clients} parallel "
          f"clients, {args.places} places: answers {answers}; confirmed={confirmed} "
          f"waiting={waiting} lost={lost} overbooked={overbooked}; "
          f"median={outcome.median_ms:.1f} ms p95={outcome.p95_ms:.1f} ms; "
          f"{args.registrations / elapsed:.0f} registrations/s")
    ok = (lost == 0 and overbooked == 0 and confirmed == min(args.places, args.registrations)
          and set(answers) == {302})
    if not ok:
        print("ERROR: registrations were lost, overbooked or refused", file=sys.stderr)
    return 0 if ok else 1


def run(args: argparse.Namespace) -> int:
    seeded = seed(args)
    failed = measure_pages(args, seeded)
    return failed or load(args, seeded)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return run_in_test_database(lambda: run(args), name_suffix="bench_events")


if __name__ == "__main__":
    sys.exit(main())
