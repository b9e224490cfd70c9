"""Lighthouse scores of the public page types against a production-like server.

Collects the static files (WhiteNoise's compressed manifest storage), starts gunicorn
with the production settings and DEBUG off (and /media/ served in front of the platform,
as the proxy does: tools/lighthouse/wsgi.py) (plain HTTP on 127.0.0.1, so the HTTPS
redirect is off), runs npm's `lighthouse` with Debian's Chromium on each page type
(mobile emulation, Lighthouse's default) and prints a table of the four category scores.
Lighthouse's performance score moves with the machine's load: `--runs 3` scores each page
three times and prints the median of each category, with the load average before and after.
The database is the one DATABASE_URL names (default: the SQLite file `make run` fills
with the demo content).

    make lighthouse                       # or: .venv/bin/python tools/lighthouse/run.py
    .venv/bin/python tools/lighthouse/run.py --min 95   # exit 1 below 95 anywhere
    .venv/bin/python tools/lighthouse/run.py --runs 3 --page search --reports /tmp/lh
"""

from __future__ import annotations

import argparse
import json
import os
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "home": "/de/",
    "solution listing": "/de/loesungen/",
    "solution": "/de/projektdatenbank/smart-city-ulm/lorawan-sensornetz/",
    "search": "/de/suche/?q=Mobilit%C3%A4t",
    "events": "/de/veranstaltungen/",
    "event": "/de/veranstaltungen/themenworkshop-change/",
    "peer groups": "/de/peergruppen/",
    "FAQ": "/de/fragen/",
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(static_root: str, port: int) -> dict[str, str]:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DEBUG": "0",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "STATIC_ROOT": static_root,
        # Plain HTTP on the loopback interface: a proxy would do TLS in production.
        "SECURE_SSL_REDIRECT": "0",
        "SESSION_COOKIE_SECURE": "0",
        "CSRF_COOKIE_SECURE": "0",
        "SECURE_HSTS_SECONDS": "0",
        "PORT": str(port),
    }


def wait_for(url: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"The server did not answer at {url}")


def lighthouse(url: str, chromium: str, report: Path | None = None) -> dict[str, int] | None:
    """The four scores of one page, or None when Lighthouse failed (its error is printed);
    the whole report is written to `report` when given."""
    result = subprocess.run(
        [str(LIGHTHOUSE), url, "--output=json", "--output-path=stdout", "--quiet",
         f"--only-categories={','.join(CATEGORIES)}",
         "--chrome-flags=--headless=new --no-sandbox --disable-gpu"],
        capture_output=True, text=True, check=False, env={**os.environ, "CHROME_PATH": chromium})
    if result.returncode != 0:
        print(result.stderr.strip().splitlines()[-1:] or "lighthouse failed", file=sys.stderr)
        return None
    if report is not None:
        report.write_text(result.stdout, encoding="utf-8")
    scores = json.loads(result.stdout)["categories"]
    return {name: round(scores[name]["score"] * 100) for name in CATEGORIES}


def median_scores(url: str, chromium: str, runs: int,
                  reports: Path | None, name: str) -> dict[str, int] | None:
    """Each category's median over `runs` Lighthouse runs (None when every run failed)."""
    results = []
    for run in range(runs):
        report = reports / f"{name.replace(' ', '-')}-{run + 1}.json" if reports else None
        # Lighthouse now and then fails to record its own trace (NO_NAVSTART), which
        # says nothing about the page: such a run gets one more try.
        scores = lighthouse(url, chromium, report) or lighthouse(url, chromium, report)
        if scores is not None:
            results.append(scores)
    if not results:
        return None
    return {c: round(statistics.median(scores[c] for scores in results)) for c in CATEGORIES}


def load_average() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--min", type=int, default=0, help="fail below this score")
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
    parser.add_argument("--runs", type=int, default=1, help="runs per page; prints the median")
    parser.add_argument("--page", action="append", choices=PAGES, help="only these pages")
    parser.add_argument("--reports", type=Path, help="folder for the JSON reports")
    args = parser.parse_args()
    pages = {name: path for name, path in PAGES.items() if not args.page or name in args.page}
    if args.reports:
        args.reports.mkdir(parents=True, exist_ok=True)
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is missing: run `make npm` (npm ci) first.")
    python = sys.executable
    with tempfile.TemporaryDirectory() as static_root:
        port = free_port()
        env = production_env(static_root, port)
        subprocess.run([python, "manage.py", "collectstatic", "--no-input", "-v", "0"],
                       cwd=ROOT, env=env, check=True)
        server = subprocess.Popen(
            [python, "-m", "gunicorn", "--bind", f"127.0.0.1:{port}", "--workers", "2",
             "tools.lighthouse.wsgi"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL)
        width = max(len(name) for name in pages)
        print(f"load average (1, 5, 15 min) before: {load_average()}; "
              f"median of {args.runs} run(s) per page", flush=True)
        print(f"{'page'.ljust(width)}  " + "  ".join(f"{name:>14}" for name in CATEGORIES),
              flush=True)
        lowest = 100
        try:
            base = f"http://127.0.0.1:{port}"
            wait_for(f"{base}/healthz")
            for name, path in pages.items():
                scores = median_scores(base + path, args.chromium, args.runs, args.reports, name)
                cells = [f"{scores[c]:>14}" if scores else f"{'failed':>14}" for c in CATEGORIES]
                print(f"{name.ljust(width)}  " + "  ".join(cells), flush=True)
                lowest = min(lowest, *(scores or {"failed": -1}).values())
            print(f"load average (1, 5, 15 min) after: {load_average()}", flush=True)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return 1 if lowest < args.min else 0


if __name__ == "__main__":
    sys.exit(main())
