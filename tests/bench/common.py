"""What the benchmark scripts share: Django set-up, the throwaway test database, timing
one URL through the test client, and the printed table.

Not a pytest module (pytest collects only test_*.py). Django is imported inside the
functions: the scripts parse their arguments before Django is set up.
"""

from __future__ import annotations

import re
import statistics
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
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


def setup_django() -> None:
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    if str(PROJECT_ROOT) not in sys.path:
        sys.path.insert(0, str(PROJECT_ROOT))
    import django

    django.setup()


def measure(client, label: str, url: str, requests: int) -> Result:
    """Warm up once, count the queries of one request, then time `requests` more."""
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


def report(results: Sequence[Result], count_name: str, count: int,
           show_queries: bool) -> int:
    """Print one line per URL (and its SQL when asked); 1 when any answer was not 200."""
    width = max(len(f"{result.label} ({result.url})") for result in results)
    for result in results:
        name = f"{result.label} ({result.url})"
        statuses = ", ".join(map(str, result.bad_statuses))
        failure = f"  FAILED: status {statuses}" if statuses else ""
        print(f"{name:<{width}}  {count_name}={count:<6d} queries={result.queries:<4d} "
              f"median={result.median_ms:7.1f} ms  p95={result.p95_ms:7.1f} ms{failure}")

    if show_queries:
        for result in results:
            print(f"\n-- {result.label} ({result.url}): {result.queries} queries")
            for number, sql in enumerate(result.sql, 1):
                print(f"{number:3d}. {COLUMN_LIST.sub('SELECT … FROM ', sql, count=1)}")

    failed = [result for result in results if result.bad_statuses]
    for result in failed:
        print(f"ERROR: {result.url} answered {', '.join(map(str, result.bad_statuses))}",
              file=sys.stderr)
    return 1 if failed else 0


def run_in_test_database(run: Callable[[], int], name_suffix: str) -> int:
    """Set Django up, run `run()` in a fresh test database and drop it afterwards.

    On a database server the test database is test_<name>_<name_suffix>: not Django's
    default test_<name>, which a test run on the same server uses and which autoclobber
    would drop under the running tests. SQLite's test database lives in memory.
    """
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
        connection.settings_dict["TEST"]["NAME"] = (
            f"test_{connection.settings_dict['NAME']}_{name_suffix}"
        )
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        return run()
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0, keepdb=False)
        teardown_test_environment()
