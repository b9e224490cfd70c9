"""Search benchmark: rebuild throughput and search latency over N documents, and
Wagtail's own `update_index` over the same pages for comparison.

Seeds the demo content plus N solutions (with bench_repository's seeding), starts an
in-memory osmem-server (or uses ELASTICSEARCH_URL), rebuilds the knowledge index and
prints documents per second built app-side and SQL queries per chunk; then runs
Wagtail's `update_index` with its Elasticsearch 8 backend into the same engine and
prints both times; then times 200 varied search requests through /api/v2/search/
(five facets each, a third of them filtered), split into the engine's round trips and
what Django adds; then the same requests on the database backend.

    .venv/bin/python tests/bench/bench_search.py --documents 50000 [--requests 200]

Not a pytest module: run it directly (or `make bench-search DOCUMENTS=N`).
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import statistics
import sys
import time
from contextlib import ExitStack

from common import run_in_test_database

FACETS = "type,topic,federal_state,maturity,funding_phase"
WORDS = ["Lösung", "Benchmark", "Problem", "Ansatz", "übertragbare", "Kommunen", "digitale",
         "Werkzeuge", "Nummer", "Modellprojekt", "Benchstadt", "Mobilität", "Energie",
         "Beteiligung", "Daten", "Sensorik", "ÖPNV", "Lösungen", "Smart", "Stadt"]
SEED = 2026


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--documents", type=int, default=50_000,
                        help="solutions to seed, i.e. roughly the documents (default 50000)")
    parser.add_argument("--requests", type=int, default=200,
                        help="search requests per backend (default 200)")
    parser.add_argument("--chunk-size", type=int, default=500)
    args = parser.parse_args(argv)
    if args.documents < 1 or args.requests < 1 or args.chunk_size < 1:
        parser.error("--documents, --requests and --chunk-size must be at least 1")
    return args


def queries(count: int, topics: list[str]) -> list[str]:
    rng = random.Random(SEED)
    urls = []
    for number in range(count):
        words = " ".join(rng.sample(WORDS, rng.choice((1, 1, 2, 3))))
        params = [f"q={words}", f"facets={FACETS}", "locale=de"]
        if number % 3 == 0:
            params.append(f"topic={rng.choice(topics)}")
        if number % 5 == 0:
            params.append(f"maturity={rng.choice(['pilot', 'operation', 'idea'])}")
        if number % 7 == 0:
            params.append("sort=newest")
        if number % 11 == 0:
            params.append(f"page={rng.randint(2, 20)}")
        urls.append("/api/v2/search/?" + "&".join(params))
    return urls


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[int(share * (len(ordered) - 1))]


def time_searches(client, urls: list[str]) -> dict[str, float]:
    client.get(urls[0])  # warm-up
    totals, engine, overhead, hits = [], [], [], 0
    for url in urls:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}: {response.content[:200]}")
        meta = response.json()["meta"]
        hits += meta["total_count"] > 0
        totals.append(elapsed)
        engine.append(meta["engine_ms"])
        overhead.append(elapsed - meta["engine_ms"])
    return {"median": statistics.median(totals), "p95": percentile(totals, 0.95),
            "engine_median": statistics.median(engine), "engine_p95": percentile(engine, 0.95),
            "overhead_median": statistics.median(overhead),
            "overhead_p95": percentile(overhead, 0.95), "with_hits": hits}


def wagtail_update_index(url: str) -> tuple[float, int]:
    """Wagtail's `update_index` with its Elasticsearch 8 backend into the same engine
    (through the same client options, i.e. the test transport adapter for the in-memory
    one); seconds and objects indexed."""
    from django.conf import settings
    from django.core.management import call_command

    settings.WAGTAILSEARCH_BACKENDS = {"default": {
        "BACKEND": "wagtail.search.backends.elasticsearch8", "URLS": [url],
        "INDEX_PREFIX": "wagtail-bench-", "TIMEOUT": 30,
        "OPTIONS": dict(settings.ELASTICSEARCH_CLIENT_OPTIONS),
    }}
    output = io.StringIO()
    started = time.perf_counter()
    call_command("update_index", stdout=output, stderr=io.StringIO())
    seconds = time.perf_counter() - started
    objects = sum(int(count) for count in re.findall(r"indexed (\d+) objects", output.getvalue()))
    return seconds, objects


def run(args: argparse.Namespace) -> int:
    from bench_repository import seed
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from wagtail.models import Site

    from repository.models import Topic
    from search.models import SearchDocument
    from search.rebuild import rebuild_index

    call_command("load_demo", stdout=io.StringIO())
    print(f"  demo loaded; seeding {args.documents} solutions", file=sys.stderr, flush=True)
    seeded = seed(args.documents)
    print(f"  seeded in {seeded.seconds:.0f} s", file=sys.stderr, flush=True)

    with ExitStack() as stack:
        url = os.environ.get("ELASTICSEARCH_URL")
        if not url:
            from osmem_server import OsmemServer

            from tests.search_engine import PlainJsonNode

            server = stack.enter_context(OsmemServer.start())
            url = stack.enter_context(server.clone()).url
            settings.ELASTICSEARCH_CLIENT_OPTIONS = {"node_class": PlainJsonNode}
        settings.ELASTICSEARCH_URL = url
        settings.SEARCH_BACKEND = "elasticsearch"
        settings.SEARCH_BULK_TIMEOUT = 30

        def progress(state):
            if len(state.queries_per_chunk) % 20 == 0 or state.done == state.total:
                print("  " + state.line(), file=sys.stderr, flush=True)

        started = time.perf_counter()
        _rebuild, state = rebuild_index(chunk_size=args.chunk_size, progress=progress)
        seconds = time.perf_counter() - started
        documents = SearchDocument.objects.filter(removed=False).count()
        per_chunk = state.queries_per_chunk
        print(f"database: {connection.vendor}  engine: {url}  documents: {documents:,}")
        print(f"rebuild: {state.done:,} objects in {seconds:.1f} s; built app-side at "
              f"{state.build_rate:,.0f} documents/s; overall (with the bulk load) "
              f"{state.done / seconds:,.0f}/s; SQL queries per chunk of {args.chunk_size}: "
              f"min {min(per_chunk)}, max {max(per_chunk)}, median "
              f"{statistics.median(per_chunk):.0f} (BEGIN counted; COMMIT not)")
        print("SQL queries per chunk by source (most): " + ", ".join(
            f"{name} {max(counts)} ({len(counts)} chunks)"
            for name, counts in state.queries_by_source.items()))
        wagtail_seconds, wagtail_objects = wagtail_update_index(url)
        print(f"same engine, one after the other: our rebuild {seconds:.1f} s "
              f"({state.done:,} objects); Wagtail's update_index (its Elasticsearch 8 "
              f"backend, {wagtail_objects:,} objects: the same pages plus images, documents, "
              f"topics, municipalities) {wagtail_seconds:.1f} s; ratio (Wagtail's / ours) "
              f"{wagtail_seconds / seconds:.2f}: ours is "
              f"{'faster' if seconds < wagtail_seconds else 'NOT faster'}")

        site = Site.objects.get(is_default_site=True)
        client = Client(HTTP_HOST=site.hostname)
        topics = list(Topic.objects.values_list("slug", flat=True).distinct())
        urls = queries(args.requests, topics)
        for backend in ("elasticsearch", "database"):
            settings.SEARCH_BACKEND = backend
            figures = time_searches(client, urls)
            print(f"search ({backend}, {len(urls)} requests, 5 facets): total median "
                  f"{figures['median']:.1f} ms, p95 {figures['p95']:.1f} ms; engine median "
                  f"{figures['engine_median']:.1f} ms, p95 {figures['engine_p95']:.1f} ms; "
                  f"Django overhead median {figures['overhead_median']:.1f} ms, p95 "
                  f"{figures['overhead_p95']:.1f} ms; {figures['with_hits']} with hits")

    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return run_in_test_database(lambda: run(args), name_suffix="bench_search")


if __name__ == "__main__":
    sys.exit(main())
