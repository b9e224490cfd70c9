"""Query census: the SQL queries of every kind of public page and API route, once each.

Builds a throwaway test database, loads the demo, then requests one live page of every
page type in each language (as an anonymous visitor and as a signed-in member) and the
list and one detail of every API endpoint, and prints the queries of the second request
of each (the first warms the caches).

    .venv/bin/python tests/bench/bench_queries.py [--show-queries] [--only SUBSTRING]

Issue 18's ceilings: 12 queries for an anonymous page, 16 for a member's, 8 for the API.
The script exits non-zero when a count is over its ceiling or an answer is not 200.
Not a pytest module (pytest collects only test_*.py).
"""

from __future__ import annotations

import argparse
import io
import sys

from common import COLUMN_LIST, run_in_test_database

ANONYMOUS_PAGE_CEILING = 12
MEMBER_PAGE_CEILING = 16
API_CEILING = 8


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show-queries", action="store_true",
                        help="print the SQL of every counted request")
    parser.add_argument("--only", default="", help="only URLs containing this text")
    return parser.parse_args(argv)


def page_urls() -> list[tuple[str, str]]:
    """One live page of each page type per language: (label, URL)."""
    from wagtail.models import Page

    seen: dict[tuple[str, str], str] = {}
    for page in Page.objects.live().filter(depth__gt=1).select_related(
            "locale", "content_type").order_by("path"):
        key = (page.content_type.model, page.locale.language_code)
        if key not in seen:
            url = page.specific.url
            if url:
                seen[key] = url
    return [(f"{model} [{language}]", url) for (model, language), url in seen.items()]


def api_urls() -> list[tuple[str, str]]:
    """The list and the first item of every API endpoint: (label, URL)."""
    from django.test import Client

    from config.api import _has_detail_route, api_router

    client = Client()
    urls = []
    for name, endpoint in api_router._endpoints.items():
        if name == "search":
            urls.append((f"api {name}", f"/api/v2/{name}/?q=stadt"))
            continue
        listing = f"/api/v2/{name}/"
        response = client.get(listing)
        if response.status_code == 405:
            continue  # nothing to read: an endpoint that only takes a POST (interest)
        urls.append((f"api {name} list", listing))
        items = response.json().get("items", []) if response.status_code == 200 else []
        # Only endpoints with a detail route (peer groups have none).
        if items and "id" in items[0] and _has_detail_route(endpoint):
            urls.append((f"api {name} detail", f"{listing}{items[0]['id']}/"))
    return urls


def count(client, url: str) -> tuple[int, tuple[str, ...], int]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)  # warm-up
    with CaptureQueriesContext(connection) as captured:
        status = client.get(url).status_code
    return len(captured), tuple(q["sql"] for q in captured.captured_queries), status


def run(args: argparse.Namespace) -> int:
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.test import Client

    call_command("load_demo", stdout=io.StringIO())
    member = get_user_model().objects.filter(
        is_staff=False, member_profile__isnull=False, memberships__isnull=False).first()
    anonymous, signed_in = Client(), Client()
    signed_in.force_login(member)

    rows: list[tuple[str, str, str, int, tuple[str, ...], int, int]] = []
    for label, url in page_urls():
        for who, client, ceiling in (("anonymous", anonymous, ANONYMOUS_PAGE_CEILING),
                                     ("member", signed_in, MEMBER_PAGE_CEILING)):
            rows.append((label, who, url, *count(client, url), ceiling))
    for label, url in api_urls():
        rows.append((label, "anonymous", url, *count(anonymous, url), API_CEILING))

    failed = 0
    for label, who, url, queries, sql, status, ceiling in rows:
        if args.only not in url:
            continue
        mark = "" if queries <= ceiling and status == 200 else "  OVER" if status == 200 \
            else f"  STATUS {status}"
        failed += bool(mark)
        print(f"{label:<32} {who:<9} {queries:3d}/{ceiling:<3d} {url}{mark}")
        if args.show_queries:
            for number, statement in enumerate(sql, 1):
                print(f"    {number:3d}. {COLUMN_LIST.sub('SELECT … FROM ', statement, 1)[:300]}")
    print(f"{failed} of {len(rows)} over the ceiling or not 200")
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return run_in_test_database(lambda: run(args), name_suffix="bench_queries")


if __name__ == "__main__":
    sys.exit(main())
