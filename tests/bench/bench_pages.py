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
import sys

# The script's own directory is first on sys.path when it runs as a script.
from common import measure, report, run_in_test_database

SEED_SLUG_PREFIX = "bench-page-"
PROGRESS_EVERY = 500


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
    return report(results, "pages", pages_in_site, args.show_queries)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return run_in_test_database(lambda: run(args), name_suffix="bench")


if __name__ == "__main__":
    sys.exit(main())
