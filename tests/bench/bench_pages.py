"""Page rendering benchmark: query count and render time as the page tree grows.

Creates a throwaway test database (SQLite by default, PostgreSQL when DATABASE_URL is
set), loads the demo content, adds N standard pages under the German home page and
then renders a few pages through the full Django stack with the test client.

    .venv/bin/python tests/bench/bench_pages.py --pages 1000 [--requests 200]

The query count of a page must not depend on the number of pages in the site; compare
the output of two runs with different --pages values.

Not a pytest module (pytest collects only test_*.py): run it directly or via
`make bench N=1000`.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
SEED_SLUG_PREFIX = "bench-page-"
PROGRESS_EVERY = 500
# Shortens printed SQL: the column list of a SELECT says little about where it comes from.
COLUMN_LIST = re.compile(r"^SELECT .*? FROM ")


@dataclass(frozen=True)
class Result:
    label: str
    url: str
    queries: int
    sql: tuple[str, ...]
    median_ms: float
    p95_ms: float
    bad_statuses: tuple[int, ...]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", type=int, required=True,
                        help="number of standard pages to add under the German home page")
    parser.add_argument("--requests", type=int, default=200,
                        help="timed requests per page (default: 200)")
    parser.add_argument("--show-queries", action="store_true",
                        help="also print the SQL of the counted request of each page")
    args = parser.parse_args(argv)
    if args.pages < 1:
        parser.error("--pages must be at least 1")
    if args.requests < 1:
        parser.error("--requests must be at least 1")
    return args


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    import django

    django.setup()


def seed_pages(count: int) -> str:
    """Add `count` live standard pages under the default site's root (the German home
    page). No revisions are written, which keeps seeding fast: the pages are created
    live with publication dates, as publishing would leave them, so they render and
    appear in "recently published" lists like published pages. Returns the last page's
    URL."""
    from django.db import transaction
    from django.utils import timezone
    from wagtail.models import Site

    from home.models import StandardPage

    site = Site.objects.get(is_default_site=True)
    parent = site.root_page.specific
    with transaction.atomic():
        for number in range(1, count + 1):
            body = [
                {"type": "heading", "value": {"text": f"Abschnitt {number}", "level": "h2"}},
                {"type": "paragraph",
                 "value": f"<p>Beispieltext der Benchmark-Seite {number}: Wie Kommunen "
                          "digitale Werkzeuge für die Stadtentwicklung einsetzen.</p>"},
            ]
            published_at = timezone.now()
            page = parent.add_child(instance=StandardPage(
                title=f"Benchmark-Seite {number}",
                slug=f"{SEED_SLUG_PREFIX}{number}",
                intro=f"Einleitung der Benchmark-Seite {number}.",
                body=json.dumps(body),
                locale=parent.locale,
                live=True,
                first_published_at=published_at,
                last_published_at=published_at,
            ))
            if number % PROGRESS_EVERY == 0 or number == count:
                print(f"  seeded {number}/{count} pages", file=sys.stderr, flush=True)
    return StandardPage.objects.get(pk=page.pk).url


def measure(client, label: str, url: str, requests: int) -> Result:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    statuses = [client.get(url).status_code]  # warm-up: caches, template loading
    with CaptureQueriesContext(connection) as captured:
        statuses.append(client.get(url).status_code)
    # Read now: captured_queries looks at the connection's log, which the next request
    # clears (Django resets it on request_started).
    sql = tuple(query["sql"] for query in captured.captured_queries)
    timings = []
    for _ in range(requests):
        start = time.perf_counter()
        response = client.get(url)
        timings.append((time.perf_counter() - start) * 1000)
        statuses.append(response.status_code)
    timings.sort()
    return Result(
        label=label,
        url=url,
        queries=len(sql),
        sql=sql,
        median_ms=statistics.median(timings),
        p95_ms=timings[int(0.95 * (len(timings) - 1))],
        bad_statuses=tuple(sorted({status for status in statuses if status != 200})),
    )


def run(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from wagtail.models import Page, Site

    call_command("load_demo", stdout=io.StringIO())
    print(f"  demo content loaded; seeding {args.pages} pages", file=sys.stderr, flush=True)
    seeded_url = seed_pages(args.pages)

    site = Site.objects.get(is_default_site=True)
    pages_in_site = Page.objects.filter(depth__gte=2).live().count()
    client = Client(HTTP_HOST=site.hostname)

    targets = [
        ("home page", "/de/"),
        ("demo standard page", "/de/start-smart/"),
        ("seeded page (last)", seeded_url),
    ]
    results = [measure(client, label, url, args.requests) for label, url in targets]

    print(f"database: {connection.vendor}  site: {site.hostname}:{site.port}  "
          f"seeded: {args.pages}  requests per page: {args.requests}")
    width = max(len(f"{result.label} ({result.url})") for result in results)
    for result in results:
        name = f"{result.label} ({result.url})"
        statuses = ", ".join(map(str, result.bad_statuses))
        failure = f"  FAILED: status {statuses}" if statuses else ""
        print(f"{name:<{width}}  pages={pages_in_site:<6d} queries={result.queries:<4d} "
              f"median={result.median_ms:7.1f} ms  p95={result.p95_ms:7.1f} ms{failure}")

    if args.show_queries:
        for result in results:
            print(f"\n-- {result.label} ({result.url}): {result.queries} queries")
            for number, sql in enumerate(result.sql, 1):
                print(f"{number:3d}. {COLUMN_LIST.sub('SELECT … FROM ', sql, count=1)}")

    failed = [result for result in results if result.bad_statuses]
    for result in failed:
        print(f"ERROR: {result.url} answered {', '.join(map(str, result.bad_statuses))}",
              file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    sys.stdout.reconfigure(line_buffering=True)  # keep the table in order with stderr
    # WhiteNoise warns when STATIC_ROOT has not been collected; irrelevant here.
    warnings.filterwarnings("ignore", message="No directory at: ")
    setup_django()

    from django.db import connection
    from django.test.utils import setup_test_environment, teardown_test_environment

    # DEBUG off as in Django's test runner, also under dev settings (`make bench` exports
    # config.settings.dev): query logging and debug pages would distort the times.
    setup_test_environment(debug=False)
    if connection.vendor != "sqlite" and not connection.settings_dict["TEST"].get("NAME"):
        # Not Django's default test_<name>: a test run on the same server uses that one,
        # and autoclobber would drop it under the running tests.
        connection.settings_dict["TEST"]["NAME"] = f"test_{connection.settings_dict['NAME']}_bench"
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        return run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
        teardown_test_environment()


if __name__ == "__main__":
    sys.exit(main())
