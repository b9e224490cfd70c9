"""Relevance benchmark: the judged queries of tests/search/relevance_cases.py over the
fixed corpus of tests/search/relevance_corpus.py, on the database backend (SQLite, or
PostgreSQL when DATABASE_URL points at one), on the search engine (ELASTICSEARCH_URL,
else the in-memory osmem-server) and, for comparison, Wagtail's built-in search over
the same pages. Prints hits@5, MRR, passes per class and every failing case.

    .venv/bin/python tests/bench/bench_relevance.py [--no-engine] [--sweep]

With --sweep it also scores each backend under other field weights (title, summary
and body on the engine; title and text on the database) and prints one line per set
of weights: how the weights in search/backends/ were chosen.

Not a pytest module: run it directly (or `make bench-relevance`). The floor the suite
holds is in tests/search/test_relevance.py.

The in-memory engine ignores dictionary_decompounder, german_normalization and
pattern_replace (it warns on start); the engine's figures here rest on the Python-made
`terms` fields there, and on both in a real Elasticsearch.
"""

from __future__ import annotations

import argparse
import itertools
import os
import sys
from contextlib import ExitStack
from typing import Any

from common import PROJECT_ROOT, run_in_test_database


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-engine", dest="engine", action="store_false",
                        help="skip the search engine")
    parser.add_argument("--sweep", action="store_true",
                        help="also score other field weights on each backend")
    return parser.parse_args(argv)


def run(args: argparse.Namespace) -> int:
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    from django.conf import settings
    from django.db import connection

    from search.sync import sync_search_index_now
    from tests.home.factories import bilingual_site
    from tests.search import relevance

    if connection.vendor == "postgresql":
        # Wagtail configured as a German site would configure it on PostgreSQL: its
        # database backend stems with the German text search configuration (unset, it
        # uses the server's default, usually English or simple). Before the pages are
        # published, which indexes them.
        settings.WAGTAILSEARCH_BACKENDS = {"default": {
            "BACKEND": "wagtail.search.backends.database", "SEARCH_CONFIG": "german"}}
    site = bilingual_site()
    keys = relevance.load_corpus(site)
    cases = len(relevance.CASES)
    german = sum(case.language == "de" for case in relevance.CASES)
    print(f"relevance set: {cases} cases ({german} German, {cases - german} English) over "
          f"{len(keys)} pages")
    sync_search_index_now(force=True)
    settings.SEARCH_BACKEND = "database"
    scores = {}

    def score(name: str, searcher: relevance.Searcher) -> None:
        scores[name] = relevance.evaluate(searcher)
        print("\n".join(relevance.report(name, scores[name])))

    score(f"database ({connection.vendor})", relevance.platform_searcher(keys))
    if args.sweep:
        sweep_database(relevance, keys)
    with ExitStack() as stack:
        if args.engine:
            url = os.environ.get("ELASTICSEARCH_URL")
            if not url:
                from osmem_server import OsmemServer

                from tests.search_engine import PlainJsonNode

                server = stack.enter_context(OsmemServer.start())
                url = stack.enter_context(server.clone()).url
                settings.ELASTICSEARCH_CLIENT_OPTIONS = {"node_class": PlainJsonNode}
            settings.ELASTICSEARCH_URL = url
            settings.SEARCH_BACKEND = "elasticsearch"
            from search.client import get_client
            from search.rebuild import rebuild_index

            rebuild_index()
            with get_client() as client:
                client.indices.refresh(index="_all")
            score(f"search engine ({url})", relevance.platform_searcher(keys))
            if args.sweep:
                sweep_engine(relevance, keys)
    score("wagtail built-in search, both languages",
          relevance.wagtail_searcher(keys, by_locale=False))
    score("wagtail built-in search, reader's language",
          relevance.wagtail_searcher(keys, by_locale=True))
    # The comparison is with the better of Wagtail's two set-ups, and also without the
    # forum cases (Wagtail indexes pages only).
    wagtail = max((name for name in scores if name.startswith("wagtail")),
                  key=lambda name: scores[name].hits_at_5)
    pages_only = [case for case in relevance.CASES if case.kind != "forum"]
    for name, result in scores.items():
        if name.startswith("wagtail"):
            continue
        ratio = result.hits_at_5 / scores[wagtail].hits_at_5
        without_forum = (relevance.Score([o for o in result.outcomes
                                          if o.case in pages_only]).hits_at_5
                         / relevance.Score([o for o in scores[wagtail].outcomes
                                            if o.case in pages_only]).hits_at_5)
        print(f"{name}: {ratio:.2f}x the hits@5 of {wagtail} "
              f"({without_forum:.2f}x without the forum cases)")
    return 0


def sweep_database(relevance: Any, keys: dict[str, str]) -> None:
    """The database backend's rank under other weights of a title and a text match
    (every word of a phrasing matching, WEIGHT_ALL_WORDS, stays above both)."""
    from search.backends import database

    chosen = (database.WEIGHT_TITLE, database.WEIGHT_TEXT)
    print("sweep, database: WEIGHT_TITLE WEIGHT_TEXT -> hits@5 MRR")
    try:
        for title, text in itertools.product((0.0, 1.0, 2.0, 4.0), (0.5, 1.0, 2.0)):
            database.WEIGHT_TITLE, database.WEIGHT_TEXT = title, text
            result = relevance.evaluate(relevance.platform_searcher(keys))
            mark = "  (chosen)" if (title, text) == chosen else ""
            print(f"    {title:>4g} {text:>4g} -> {result.hits_at_5:.3f} {result.mrr:.3f}{mark}")
    finally:
        database.WEIGHT_TITLE, database.WEIGHT_TEXT = chosen


def sweep_engine(relevance: Any, keys: dict[str, str]) -> None:
    """The engine's rank under other weights of title, summary and body."""
    from search.backends import elasticsearch

    chosen = dict(elasticsearch.FIELD_WEIGHTS)
    saved = elasticsearch.TEXT_FIELDS, elasticsearch.FUZZY_FIELDS
    print("sweep, search engine: title summary body -> hits@5 MRR")
    try:
        for title, summary, body in itertools.product((1.0, 2.0, 4.0, 8.0), (1.0, 2.0, 4.0),
                                                      (0.5, 1.0)):
            weights = {"title": title, "summary": summary, "body": body}
            elasticsearch.TEXT_FIELDS = elasticsearch.text_fields(weights)
            elasticsearch.FUZZY_FIELDS = [field for field in elasticsearch.TEXT_FIELDS
                                          if ".folded" in field]
            result = relevance.evaluate(relevance.platform_searcher(keys))
            mark = "  (chosen)" if weights == chosen else ""
            print(f"    {title:>4g} {summary:>4g} {body:>4g} -> {result.hits_at_5:.3f} "
                  f"{result.mrr:.3f}{mark}")
    finally:
        elasticsearch.TEXT_FIELDS, elasticsearch.FUZZY_FIELDS = saved


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    return run_in_test_database(lambda: run(args), name_suffix="bench_relevance")


if __name__ == "__main__":
    sys.exit(main())
