"""Parallel registrations over real HTTP, for the PostgreSQL concurrency test and the
benchmark: each client is a signed-in member with a session of their own, and they all
press "register" at the same moment."""

from __future__ import annotations

import contextlib
import statistics
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

# Any 32 characters serve as the CSRF secret: Django compares the header with the cookie.
CSRF_SECRET = "b" * 32


@dataclass(frozen=True)
class Outcome:
    statuses: tuple[int, ...]
    latencies_ms: tuple[float, ...]

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[int(0.95 * (len(ordered) - 1))]


def session_cookies(users: Sequence[Any]) -> list[str]:
    """A Cookie header per user: a signed-in session and the CSRF secret."""
    from django.conf import settings
    from django.test import Client

    cookies = []
    for user in users:
        client = Client()
        client.force_login(user)
        session = client.cookies[settings.SESSION_COOKIE_NAME].value
        cookies.append(f"{settings.SESSION_COOKIE_NAME}={session}; "
                       f"{settings.CSRF_COOKIE_NAME}={CSRF_SECRET}")
    return cookies


def register_in_parallel(url: str, cookies: Sequence[str], workers: int) -> Outcome:
    """POST to `url` once per cookie header, `workers` at a time, all starting together."""
    start_together = threading.Barrier(min(workers, len(cookies)))

    def post(cookie: str) -> tuple[int, float]:
        request = urllib.request.Request(url, data=b"", method="POST", headers={
            "Cookie": cookie, "X-CSRFToken": CSRF_SECRET})
        opener = urllib.request.build_opener(NoRedirect)
        # The last, smaller batch breaks the barrier after its timeout and goes anyway.
        with contextlib.suppress(threading.BrokenBarrierError):
            start_together.wait(timeout=2)
        started = time.perf_counter()
        try:
            with opener.open(request, timeout=60) as response:
                status = response.status
        except urllib.error.HTTPError as answer:
            status = answer.code
        return status, (time.perf_counter() - started) * 1000

    with ThreadPoolExecutor(max_workers=workers) as pool:
        results = list(pool.map(post, cookies))
    return Outcome(tuple(status for status, _ms in results),
                   tuple(ms for _status, ms in results))


class NoRedirect(urllib.request.HTTPRedirectHandler):
    """A registration answers 302 to the event page; the status is what counts."""

    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None
