"""Page cache benchmark: the same pages rendered afresh and answered from the page cache.

Builds a throwaway test database, loads the demo and prints queries, median and p95 of
anonymous requests to a few page types, first with the page cache off, then on
(home/page_cache.py; locmem here, CACHE_URL's cache in production).

    .venv/bin/python tests/bench/bench_page_cache.py [--requests 100]

Not a pytest module (pytest collects only test_*.py).
"""

from __future__ import annotations

import argparse
import io
import sys

from common import measure, report, run_in_test_database

URLS = [
    ("home page", "/de/"),
    ("solution listing", "/de/loesungen/"),
    ("solution page", "/de/projektdatenbank/smart-city-ulm/lorawan-sensornetz/"),
    ("publication listing", "/de/publikationen/"),
    ("event listing", "/de/veranstaltungen/"),
]


def run(args: argparse.Namespace) -> int:
    from django.core.management import call_command
    from django.test import Client, override_settings

    call_command("load_demo", stdout=io.StringIO())
    failed = 0
    for seconds in (0, 60):
        with override_settings(PAGE_CACHE_SECONDS=seconds):
            print(f"page cache {'on' if seconds else 'off'} (PAGE_CACHE_SECONDS={seconds})")
            results = [measure(Client(), label, url, args.requests) for label, url in URLS]
            failed |= report(results, "seconds", seconds, show_queries=False)
    return failed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=100)
    args = parser.parse_args(argv)
    return run_in_test_database(lambda: run(args), name_suffix="bench_page_cache")


if __name__ == "__main__":
    sys.exit(main())
