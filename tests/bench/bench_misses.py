"""What a page cache miss costs: the first request of pages drawn from the load
benchmark's deck, rendered afresh (page cache off) with the rest of the site warm, as a
running site meets the long tail of its solution pages and a new choice of filters.

Reads the database that ``bench_load.py --keep-database`` left (it does not seed): set
DATABASE_URL to it and PLATFORM_PLUGINS to the plugins it was migrated with.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/perf_load \\
        .venv/bin/python tests/bench/bench_misses.py \\
        --deck var/bench-load/perf_load/deck.txt [--sample 300] [--profile 40]

Prints median, p95 and the total per kind of page (the kinds that cost the load
benchmark most come first) and, with --profile N, the N most expensive functions over
all the sampled requests. Issue 18: with 85 % of the mix answered from the page cache, a
miss must cost under about 25 ms on average for the mix to reach half the ceiling.

Not a pytest module (pytest collects only test_*.py).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import random
import statistics
import sys
import time
from pathlib import Path

from common import setup_django

SEED = 2019
WARM_UP = 50


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--deck", type=Path, required=True,
                        help="the deck bench_load.py wrote (var/bench-load/<database>/deck.txt)")
    parser.add_argument("--sample", type=int, default=300,
                        help="distinct paths to request once each (default: 300)")
    parser.add_argument("--profile", type=int, default=0,
                        help="print this many functions by cumulative time (default: none)")
    args = parser.parse_args(argv)
    if not args.deck.is_file():
        parser.error(f"no deck at {args.deck}: run bench_load.py --keep-database first")
    if args.sample < 1 or args.profile < 0:
        parser.error("--sample must be at least 1 and --profile at least 0")
    return args


def kind_of(path: str) -> str:
    """The deck's kinds of page, as load_setup.py draws them: solution pages, a listing
    with its filters, and the other pages by their section (a project, an event, …)."""
    if "bench-loesung-" in path:
        return "solution page"
    if "?" in path:
        return f"{path.split('?')[0]}?…"
    segments = [segment for segment in path.split("/") if segment]
    if len(segments) <= 2:
        return path
    return f"/{segments[0]}/{segments[1]}/…"


def run(args: argparse.Namespace) -> int:
    from django.test import Client, override_settings
    from django.test.utils import setup_test_environment
    from wagtail.models import Site

    setup_test_environment(debug=False)
    deck = args.deck.read_text().split()
    site = Site.objects.get(is_default_site=True)
    client = Client(HTTP_HOST=site.hostname)
    paths = sorted(set(deck))
    sample = random.Random(SEED).sample(paths, min(args.sample, len(paths)))
    profile = cProfile.Profile()
    timings: dict[str, list[float]] = {}
    failed = []
    with override_settings(PAGE_CACHE_SECONDS=0):
        # The site frame, settings and navigation warm, as on a running site.
        for path in deck[:WARM_UP]:
            client.get(path)
        for path in sample:
            started = time.perf_counter()
            if args.profile:
                profile.enable()
            status = client.get(path).status_code
            if args.profile:
                profile.disable()
            timings.setdefault(kind_of(path), []).append(
                (time.perf_counter() - started) * 1000)
            if status != 200:
                failed.append(f"{path} {status}")
    width = max(len(kind) for kind in timings)
    for kind, values in sorted(timings.items(), key=lambda item: -sum(item[1])):
        values.sort()
        print(f"{kind:<{width}}  n={len(values):<4d} median={statistics.median(values):7.1f} ms"
              f"  p95={values[int(0.95 * (len(values) - 1))]:7.1f} ms"
              f"  total={sum(values):8.0f} ms")
    if args.profile:
        printed = io.StringIO()
        pstats.Stats(profile, stream=printed).sort_stats("cumulative").print_stats(args.profile)
        print(printed.getvalue())
    for failure in failed:
        print(f"ERROR: {failure}", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    setup_django()
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
