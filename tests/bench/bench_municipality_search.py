"""Municipality picker benchmark: the server time of one suggestion request ("hass",
"frankfurt o", …) with N municipalities in the database (Germany has about 11,000).

    .venv/bin/python tests/bench/bench_municipality_search.py [--municipalities 11000] \\
        [--requests 200]

Prints median and 95th percentile per query; the picker's budget is 50 ms. Not a pytest
module.
"""

from __future__ import annotations

import argparse
import sys

from common import measure, report, run_in_test_database

QUERIES = ("hass", "frankfurt o", "bad", "st", "neu lin")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--municipalities", type=int, default=11_000)
    parser.add_argument("--requests", type=int, default=200)
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> int:
    from django.db import connection
    from django.test import Client

    from community.models import FederalState, Municipality
    from tests.community.factories import generated_municipalities, unsaved_municipality

    Municipality.objects.bulk_create(generated_municipalities(args.municipalities))
    Municipality.objects.bulk_create([
        unsaved_municipality(name="Haßfurt", ags="09674147", federal_state=FederalState.BAYERN),
        unsaved_municipality(name="Frankfurt (Oder)", ags="12053000",
                     federal_state=FederalState.BRANDENBURG)])
    client = Client(HTTP_HOST="localhost")
    results = [measure(client, f"suggestions for {query!r}",
                       f"/de/kommunen/suche/?q={query.replace(' ', '+')}", args.requests)
               for query in QUERIES]
    print(f"database: {connection.vendor}  municipalities: {Municipality.objects.count()}  "
          f"requests per query: {args.requests}")
    return report(results, "municipalities", args.municipalities, False)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return run_in_test_database(lambda: run(args), name_suffix="bench_municipalities")


if __name__ == "__main__":
    sys.exit(main())
