"""Liveness and readiness probes for load balancers and orchestrators.

Both answer JSON without authentication and say nothing secret: component names and
a one-word state, never a host name, URL or error text.

- `/healthz` asks nothing but the process itself, so it answers in milliseconds whatever
  the database or the search engine do.
- `/readyz` runs the database check and every plugin's check (declared on the plugin's
  AppConfig) in parallel threads. Each check bounds its own requests by READINESS_TIMEOUT
  seconds; one that has not answered GRACE_SECONDS after that counts as "timeout". The
  answer is kept READINESS_CACHE_SECONDS, so probes from several balancers cost one
  round of checks, and a check still hanging from an earlier round is not started again
  beside it.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from config.plugins import readiness_checks

logger = logging.getLogger(__name__)

Check = Callable[[], tuple[bool, str]]
# How long past READINESS_TIMEOUT a check may take to report its own timeout.
GRACE_SECONDS = 0.25


@never_cache
@require_safe
def healthz(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


# The site frame's middleware looks the served Site up for every other view; this one
# must answer without the database or the cache.
healthz.needs_no_site = True  # type: ignore[attr-defined]


def database_state() -> tuple[bool, str]:
    try:
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:
        logger.exception("Readiness: the database is not reachable")
        return False, "unreachable"
    finally:
        # The check runs in a thread of its own: leave no connection behind.
        connections["default"].close()
    return True, "ok"


class Readiness:
    """The last round of checks, and the checks still running (per process)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._answer: tuple[float, dict[str, tuple[bool, str]]] | None = None
        self._running: dict[str, threading.Thread] = {}

    def forget(self) -> None:
        with self._lock:
            self._answer = None

    def states(self, checks: list[tuple[str, Check]]) -> dict[str, tuple[bool, str]]:
        with self._lock:
            if self._answer is not None:
                taken_at, answer = self._answer
                if (time.monotonic() - taken_at < settings.READINESS_CACHE_SECONDS
                        and list(answer) == [name for name, _check in checks]):
                    return answer
            answer = self.run(checks)
            self._answer = (time.monotonic(), answer)
            return answer

    def run(self, checks: list[tuple[str, Check]]) -> dict[str, tuple[bool, str]]:
        results: dict[str, tuple[bool, str]] = {}
        started = []
        for component, check in checks:
            running = self._running.get(component)
            if running is not None and running.is_alive():
                continue  # still hanging from an earlier round: counts as a timeout
            thread = threading.Thread(target=self.check_into, args=(component, check, results),
                                      name=f"readiness-{component}", daemon=True)
            self._running[component] = thread
            thread.start()
            started.append(thread)
        deadline = time.monotonic() + settings.READINESS_TIMEOUT + GRACE_SECONDS
        for thread in started:
            thread.join(max(0.0, deadline - time.monotonic()))
        return {component: results.get(component, (False, "timeout"))
                for component, _check in checks}

    @staticmethod
    def check_into(component: str, check: Check,
                   results: dict[str, tuple[bool, str]]) -> None:
        try:
            results[component] = check()
        except Exception:
            logger.exception("Readiness check %s failed", component)
            results[component] = (False, "error")


readiness = Readiness()


@never_cache
@require_safe
def readyz(request: HttpRequest) -> JsonResponse:
    checks = readiness.states([("database", database_state), *readiness_checks()])
    ready = all(ok for ok, _state in checks.values())
    return JsonResponse(
        {
            "status": "ok" if ready else "unavailable",
            "checks": {component: state for component, (_ok, state) in checks.items()},
        },
        status=200 if ready else 503,
    )
