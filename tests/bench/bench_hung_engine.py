"""Probes and searches under the production web server while the search engine hangs.

Sets up a throwaway database with the demo content (SQLite file, or a fresh PostgreSQL
database on the server DATABASE_URL names), starts gunicorn exactly as platform/ does
(`gunicorn -c platform/gunicorn.conf.py config.wsgi`, production settings, WEB_CONCURRENCY
and GUNICORN_THREADS from platform/.env.example) with ELASTICSEARCH_URL pointing at a
socket that accepts connections and never answers, and then, at the same time:

- C clients send search requests to /api/v2/search/ (varied words and facets), and
- a prober asks /healthz every 50 ms and /readyz every 500 ms,

and prints the latencies: the searches each web process answered first (they wait the
query timeout once, then the breaker opens), every later search, /healthz and /readyz.

    .venv/bin/python tests/bench/bench_hung_engine.py [--searches 400] [--clients 4]

Not a pytest module: run it directly (`nice -n 10` on a shared machine).
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(PROJECT_ROOT))

from tests.engine_faults import SilentEngine  # noqa: E402

WORDS = ["Kommunen", "digitale", "Mobilität", "Energie", "Beteiligung", "Daten", "Smart",
         "Stadt", "Plattform", "Sensoren", "Bürger", "Klimaanpassung"]
FACETS = "type,topic,federal_state,maturity,funding_phase"


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--searches", type=int, default=400, help="search requests in all")
    parser.add_argument("--clients", type=int, default=4, help="parallel search clients")
    args = parser.parse_args()
    if args.searches < 1 or args.clients < 1:
        parser.error("--searches and --clients must be at least 1")
    return args


def env_example() -> dict[str, str]:
    values = {}
    for line in (PROJECT_ROOT / "platform" / ".env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            name, value = line.split("=", 1)
            values[name] = value.strip().strip('"')
    return values


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def database_url(stack: ExitStack, workdir: Path) -> str:
    """A SQLite file in the work folder, or a fresh database beside DATABASE_URL's."""
    server = os.environ.get("DATABASE_URL", "")
    if not server.startswith("postgres"):
        return f"sqlite:///{workdir / 'bench.sqlite3'}"
    import psycopg

    base, _slash, _name = server.rpartition("/")
    name = "bench_hung_engine"
    with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")

    def drop() -> None:
        with psycopg.connect(f"{base}/postgres", autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    stack.callback(drop)
    return f"{base}/{name}"


def manage(environment: dict[str, str], *command: str) -> None:
    subprocess.run([sys.executable, "manage.py", *command], cwd=PROJECT_ROOT, env=environment,
                   check=True, stdout=subprocess.DEVNULL)


def get(url: str, timeout: float = 30) -> tuple[int, float, dict]:
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            status, body = response.status, response.read()
    except urllib.error.HTTPError as error:
        status, body = error.code, error.read()
    elapsed = (time.perf_counter() - started) * 1000
    try:
        data = json.loads(body)
    except ValueError:
        data = {}
    return status, elapsed, data


def search_urls(base: str, count: int) -> list[str]:
    urls = []
    for number in range(count):
        words = " ".join(WORDS[(number + step) % len(WORDS)] for step in range(1 + number % 3))
        urls.append(f"{base}/api/v2/search/?q={urllib.request.quote(words)}&facets={FACETS}")
    return urls


def summary(label: str, timings: list[float]) -> str:
    if not timings:
        return f"{label:<44} none"
    ordered = sorted(timings)
    p99 = ordered[int(0.99 * (len(ordered) - 1))]
    return (f"{label:<44} n={len(ordered):<5d} median={statistics.median(ordered):7.1f} ms  "
            f"p99={p99:7.1f} ms  max={ordered[-1]:7.1f} ms")


def run(args: argparse.Namespace) -> int:
    with ExitStack() as stack:
        workdir = Path(tempfile.mkdtemp(prefix="bench-hung-engine-"))
        stack.callback(shutil.rmtree, workdir, ignore_errors=True)
        silent = stack.enter_context(SilentEngine())
        example = env_example()
        port = free_port()
        environment = {
            "PATH": os.environ.get("PATH", ""),
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url(stack, workdir),
            "PLATFORM_VAR_DIR": str(workdir),
            "STATIC_ROOT": str(workdir / "static"),
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "false",
            "LOG_LEVEL": "WARNING",
            "PORT": str(port),
            "WEB_CONCURRENCY": example["WEB_CONCURRENCY"],
            "GUNICORN_THREADS": example["GUNICORN_THREADS"],
        }
        print(f"Preparing {environment['DATABASE_URL'].split(':')[0]} database, demo content "
              "and static files …", file=sys.stderr)
        manage(environment, "migrate", "--no-input")
        manage(environment, "load_demo")
        manage(environment, "collectstatic", "--no-input")

        environment.update(ELASTICSEARCH_URL=silent.url, SEARCH_BACKEND="elasticsearch")
        gunicorn = subprocess.Popen(
            [str(Path(sys.executable).parent / "gunicorn"), "-c", "platform/gunicorn.conf.py",
             "config.wsgi"],
            cwd=PROJECT_ROOT, env=environment, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)

        def stop() -> None:
            gunicorn.send_signal(signal.SIGTERM)
            gunicorn.wait(30)

        stack.callback(stop)
        base = f"http://127.0.0.1:{port}"
        for _ in range(300):
            try:
                if get(f"{base}/healthz", timeout=1)[0] == 200:
                    break
            except OSError:
                time.sleep(0.1)
        else:
            print("gunicorn did not start", file=sys.stderr)
            return 1

        return measure(args, base, silent, environment)
    return 0


def measure(args: argparse.Namespace, base: str, silent: SilentEngine,
            environment: dict[str, str]) -> int:
    print(f"gunicorn: {environment['WEB_CONCURRENCY']} processes × "
          f"{environment['GUNICORN_THREADS']} threads, production settings, "
          f"{environment['DATABASE_URL'].split(':')[0]}; engine: a socket that accepts and "
          "never answers")
    sequential = one_at_a_time(base, search_urls(base, 60))
    return under_load(args, base, silent) or sequential


def one_at_a_time(base: str, urls: list[str]) -> int:
    """One request at a time: what a single reader waits."""
    print("\n-- one request at a time")
    print(summary("/healthz", [get(f"{base}/healthz")[1] for _ in range(20)]))
    print(summary("/readyz (asks the engine, then cached)",
                  [get(f"{base}/readyz")[1] for _ in range(5)]))
    answers = [get(url) for url in urls]
    print(f"search, first: {answers[0][1]:.0f} ms (answered by "
          f"{answers[0][2].get('meta', {}).get('backend')})")
    later = answers[1:]
    print(summary("search, every later one (keep-alive off)", [ms for _s, ms, _d in later]))
    print("  answered by: " + ", ".join(sorted({d.get("meta", {}).get("backend", "?")
                                               for _s, _ms, d in later})))
    return 0 if {status for status, _ms, _d in answers} == {200} else 1


def under_load(args: argparse.Namespace, base: str, silent: SilentEngine) -> int:
    print(f"\n-- {args.clients} search clients at once, probes beside them")
    searches: list[tuple[float, str, int]] = []  # (ms, backend, status)
    health: list[float] = []
    ready: list[tuple[float, int]] = []
    done = threading.Event()
    urls = search_urls(base, args.searches)
    lock = threading.Lock()

    def client(share: list[str]) -> None:
        for url in share:
            status, elapsed, data = get(url)
            with lock:
                searches.append((elapsed, data.get("meta", {}).get("backend", "?"), status))

    def prober() -> None:
        last_ready = 0.0
        while not done.is_set():
            health.append(get(f"{base}/healthz")[1])
            if time.monotonic() - last_ready >= 0.5:
                last_ready = time.monotonic()
                status, elapsed, _data = get(f"{base}/readyz")
                ready.append((elapsed, status))
            time.sleep(0.05)

    watcher = threading.Thread(target=prober)
    watcher.start()
    workers = [threading.Thread(target=client, args=(urls[number::args.clients],))
               for number in range(args.clients)]
    started = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    wall = time.perf_counter() - started
    done.set()
    watcher.join()

    slow = sorted((ms for ms, _backend, _status in searches), reverse=True)
    print(f"{len(searches)} searches from {args.clients} clients in {wall:.1f} s "
          f"({len(searches) / wall:.1f} requests/s); answered by: "
          + ", ".join(f"{backend} {sum(1 for _ms, b, _s in searches if b == backend)}"
                      for backend in sorted({b for _ms, b, _s in searches})))
    over = [ms for ms in slow if ms >= 100]
    print(f"searches of 100 ms or more: {len(over)}; the slowest: "
          + ", ".join(f"{ms:.0f}" for ms in over[:8]))
    print(summary("search", slow))
    print(summary("/healthz (every 50 ms during the load)", health))
    print(summary("/readyz (every 500 ms during the load)", [ms for ms, _status in ready]))
    print(f"engine connections accepted in all: {silent.accepted}")
    statuses = {status for _ms, _backend, status in searches} | {
        status for _ms, status in ready}
    print(f"statuses: searches {sorted({s for _ms, _b, s in searches})}, "
          f"readyz {sorted({s for _ms, s in ready})}")
    return 0 if statuses == {200} else 1


if __name__ == "__main__":
    sys.exit(run(parse_args()))
