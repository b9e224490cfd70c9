"""Load benchmark: the production web server under a realistic mix of visitors, beside a
bare Django view as the ceiling of this machine, in one run.

Needs PostgreSQL (DATABASE_URL names the server; the script creates its own database
beside it) and wrk (Debian: `apt-get install wrk`). It

1. creates the database, migrates, loads the demo, seeds N solutions (bench_repository's
   seeding), builds the search index, signs a demo member in (a session cookie) and
   collects the static files;
2. starts gunicorn as platform/ does (`gunicorn -c platform/gunicorn.conf.py
   config.wsgi`, production settings, DEBUG off) with 2 workers, first with
   tests/bench/bare_settings.py (the same settings and middleware, one view that does
   nothing), then with the platform itself;
3. drives each from loopback with wrk (tests/bench/load_mix.lua) for --seconds: the bare
   view, the anonymous mix and the signed-in mix (the same requests with the member's
   session cookie), after an unmeasured warm-up of a tenth of that;
4. prints requests/s, p50/p95/p99, errors (socket errors and answers other than 2xx/3xx)
   and the page cache's hit rate of each, and the anonymous mix as a share of the ceiling.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python tests/bench/bench_load.py [--solutions 10000] [--seconds 60]

The mix (mix.py) is a deck of request paths drawn once from a fixed seed and replayed.
Exits non-zero when any run had an error. Not a pytest module: run it directly.
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

# The script's own directory is first on sys.path when it runs as a script.
from common import PROJECT_ROOT
from load_setup import Prepared, prepare

LUA = Path(__file__).with_name("load_mix.lua")
SHARE_TARGET = 50  # issue 18: the anonymous mix at least half the bare view's rate


@dataclass(frozen=True)
class Run:
    label: str
    requests: int
    seconds: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    socket_errors: int
    status_errors: int
    cache_hits: int
    cache_misses: int

    @property
    def rate(self) -> float:
        return self.requests / self.seconds

    @property
    def errors(self) -> int:
        return self.socket_errors + self.status_errors


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--solutions", type=int, default=10_000,
                        help="solutions to seed (default: 10000)")
    parser.add_argument("--seconds", type=int, default=60,
                        help="length of each measured run (default: 60)")
    parser.add_argument("--connections", type=int, default=8,
                        help="open connections wrk keeps (default: 8)")
    parser.add_argument("--workers", type=int, default=2,
                        help="gunicorn worker processes (default: 2)")
    parser.add_argument("--cache-url",
                        default=os.environ.get("CACHE_URL", "redis://127.0.0.1:6379/0"),
                        help="the web processes' CACHE_URL, shared by the workers as in "
                             "production (default: $CACHE_URL or redis://127.0.0.1:6379/0)")
    parser.add_argument("--database", default="bench_load",
                        help="name of the database to create (default: bench_load)")
    parser.add_argument("--keep-database", action="store_true",
                        help="keep the database and files; a later run reuses them")
    args = parser.parse_args(argv)
    if args.solutions < 1 or args.seconds < 1 or args.connections < 1 or args.workers < 1:
        parser.error("--solutions, --seconds, --connections and --workers must be at least 1")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        parser.error("set DATABASE_URL to a PostgreSQL server, e.g. "
                     "postgres://postgres@127.0.0.1:5432/postgres")
    if args.cache_url.startswith(("redis://", "rediss://")):
        import redis

        try:
            redis.Redis.from_url(args.cache_url.split("?", 1)[0]).ping()
        except redis.RedisError as error:
            parser.error(f"no Redis at {args.cache_url} ({error}); start one, or pass "
                         "--cache-url locmem://platform (one cache per worker)")
    return args


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(stack: ExitStack, environment: dict[str, str], settings: str, workers: int,
          log: Path) -> str:
    """gunicorn as platform/ runs it, with these settings; its base URL once it answers."""
    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "platform/gunicorn.conf.py",
         "config.wsgi"],
        cwd=PROJECT_ROOT, stdout=log.open("ab"), stderr=subprocess.STDOUT,
        env={**environment, "DJANGO_SETTINGS_MODULE": settings, "PORT": str(port),
             "WEB_CONCURRENCY": str(workers)})

    def stop() -> None:
        process.send_signal(signal.SIGTERM)
        process.wait(60)

    stack.callback(stop)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=1) as answer:
                if answer.status == 200:
                    return base
        except OSError:
            if process.poll() is not None:
                break
            time.sleep(0.1)
    raise SystemExit(f"gunicorn did not start with {settings}; see {log}")


def wrk(label: str, base: str, deck: Path, seconds: int, connections: int,
        cookie: str = "") -> Run:
    """One wrk run over the deck; its figures from load_mix.lua's last line."""
    command = ["wrk", "--threads", "2", "--connections", str(connections),
               "--duration", f"{seconds}s", "--timeout", "5s", "--script", str(LUA),
               base, "--", str(deck), cookie]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    figures = json.loads(output.strip().splitlines()[-1])
    return Run(
        label=label, requests=figures["requests"], seconds=figures["duration_us"] / 1e6,
        p50_ms=figures["p50_us"] / 1000, p95_ms=figures["p95_us"] / 1000,
        p99_ms=figures["p99_us"] / 1000,
        socket_errors=sum(figures[kind] for kind in ("connect", "read", "write", "timeout")),
        status_errors=figures["status"],
        cache_hits=figures["cache_hits"], cache_misses=figures["cache_misses"])


def check_paths(base: str, deck: Path) -> None:
    """Every path of the deck but the long tail of solution pages answers 200 (each kind
    of page once at least): a mistake in the mix stops here, not as errors under load."""
    paths = list(dict.fromkeys(deck.read_text().split()))
    bad = []
    for path in [path for path in paths if "bench-loesung-" not in path] + [
            path for path in paths if "bench-loesung-" in path][:20]:
        try:
            with urllib.request.urlopen(f"{base}{path}", timeout=30) as answer:
                status = answer.status
        except urllib.error.HTTPError as error:
            status = error.code
        if status != 200:
            bad.append(f"{path} {status}")
    if bad:
        raise SystemExit("The deck has paths that do not answer 200: " + ", ".join(bad))


def report(runs: list[Run]) -> None:
    print(f"{'':<22} {'requests/s':>10} {'p50':>9} {'p95':>9} {'p99':>9}  errors "
          "(socket/status)  page cache hits")
    for run in runs:
        looked_up = run.cache_hits + run.cache_misses
        hit_rate = f"{100 * run.cache_hits / looked_up:5.1f} %" if looked_up else "    -"
        print(f"{run.label:<22} {run.rate:10.1f} {run.p50_ms:6.1f} ms {run.p95_ms:6.1f} ms "
              f"{run.p99_ms:6.1f} ms  {run.socket_errors:6d}/{run.status_errors:<6d}"
              f"          {hit_rate}")


def measure(args: argparse.Namespace, prepared: Prepared, stack: ExitStack) -> list[Run]:
    warm_up = max(1, args.seconds // 10)
    log = prepared.workdir / "gunicorn.log"
    runs = []
    with ExitStack() as bare_server:
        base = serve(bare_server, prepared.environment, "tests.bench.bare_settings",
                     args.workers, log)
        deck = prepared.workdir / "bare.txt"
        deck.write_text("/bare/\n")
        wrk("warm-up", base, deck, warm_up, args.connections)
        runs.append(wrk("bare Django view", base, deck, args.seconds, args.connections))
    base = serve(stack, prepared.environment, "config.settings.production", args.workers, log)
    check_paths(base, prepared.deck)
    wrk("warm-up", base, prepared.deck, warm_up, args.connections)
    runs.append(wrk("anonymous mix", base, prepared.deck, args.seconds, args.connections))
    runs.append(wrk("signed-in mix", base, prepared.deck, args.seconds, args.connections,
                    cookie=prepared.member_cookie))
    return runs


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if shutil.which("wrk") is None:
        print("wrk is not installed: apt-get install wrk", file=sys.stderr)
        return 2
    sys.stdout.reconfigure(line_buffering=True)
    with ExitStack() as stack:
        prepared = prepare(stack, args, secrets.token_urlsafe(50))
        runs = measure(args, prepared, stack)
    bare, anonymous = runs[0], runs[1]
    load = os.getloadavg()
    print(f"gunicorn -c platform/gunicorn.conf.py: {args.workers} workers × "
          f"{prepared.environment['GUNICORN_THREADS']} threads, production settings, "
          f"PostgreSQL, CACHE_URL={args.cache_url.split('?')[0]}, {prepared.solutions} "
          f"solutions; wrk: 2 threads, {args.connections} connections, {args.seconds} s "
          f"per run; deck: {prepared.deck_size} requests; load average "
          f"{load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    report(runs)
    share = 100 * anonymous.rate / bare.rate if bare.rate else 0.0
    print(f"anonymous mix: {share:.0f} % of the bare Django view's requests/s "
          f"(target at least {SHARE_TARGET} %)")
    failed = [run.label for run in runs if run.errors]
    if failed:
        print(f"ERROR: errors in {', '.join(failed)}; see {prepared.workdir / 'gunicorn.log'}"
              if args.keep_database else f"ERROR: errors in {', '.join(failed)}",
              file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
