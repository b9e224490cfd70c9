"""A circuit breaker between the search service and the engine.

After a timeout or a connection failure the breaker opens: searches go straight to the
database (or answer "unavailable") for SEARCH_BREAKER_COOLOFF seconds without touching
the engine. Then one request, the probe, tries the engine again while every other
request keeps going to the database; the probe's success closes the breaker, its
failure starts another cool-off.

Written here rather than taken from pybreaker, which holds one lock for the whole
guarded call: a threaded gunicorn worker would then run its searches one at a time, and
every search would queue behind a probe that hangs. This breaker takes its lock only to
change state, never while the engine is asked. Its state is per process: each web
process pays at most one timeout per cool-off.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from elasticsearch import ApiError, TransportError

logger = logging.getLogger(__name__)

CLOSED, OPEN, PROBING = "closed", "open", "probing"


class EngineSkipped(RuntimeError):
    """The breaker is open: the engine was not asked."""


@dataclass
class BreakerState:
    state: str
    failures: int
    retry_in: float


class EngineBreaker:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._lock = threading.Lock()
        self._open_until: float | None = None
        self._probe_started: float | None = None
        self.failures = 0

    @property
    def cooloff(self) -> float:
        return float(settings.SEARCH_BREAKER_COOLOFF)

    def admit(self) -> bool:
        """Whether a request may ask the engine now; True for the one probe after a
        cool-off. A probe that never reported back (its thread died) is replaced after
        another cool-off."""
        with self._lock:
            if self._open_until is None:
                return True
            now = self.clock()
            if now < self._open_until:
                return False
            if self._probe_started is not None and now < self._probe_started + self.cooloff:
                return False
            self._probe_started = now
            return True

    def succeeded(self) -> None:
        with self._lock:
            if self._open_until is not None:
                logger.info("Search engine answers again: breaker closed")
            self._open_until = self._probe_started = None
            self.failures = 0

    def failed(self) -> None:
        with self._lock:
            if self._open_until is None:
                logger.warning("Search engine does not answer: searches use the database "
                               "for %.0f s", self.cooloff)
            self.failures += 1
            self._open_until = self.clock() + self.cooloff
            self._probe_started = None

    def released(self) -> None:
        """The probe ended without telling whether the engine works (an error of ours):
        the next request may probe."""
        with self._lock:
            self._probe_started = None

    def reset(self) -> None:
        self.succeeded()

    def snapshot(self) -> BreakerState:
        with self._lock:
            if self._open_until is None:
                return BreakerState(CLOSED, self.failures, 0.0)
            state = PROBING if self._probe_started is not None else OPEN
            return BreakerState(state, self.failures,
                                max(0.0, self._open_until - self.clock()))

    @contextmanager
    def guard(self) -> Iterator[None]:
        """Run a block that asks the engine: skipped (EngineSkipped) while the breaker is
        open; an engine failure opens it, any answer closes it."""
        if not self.admit():
            raise EngineSkipped
        try:
            yield
        except Exception as error:
            if engine_failure(error):
                self.failed()
            elif isinstance(error, ApiError):
                self.succeeded()  # a refusal is an answer: the engine is there
            else:
                self.released()  # our own error says nothing about the engine
            raise
        except BaseException:
            self.released()
            raise
        else:
            self.succeeded()


def engine_failure(error: BaseException) -> bool:
    """A timeout or failed connection, or an engine that says it is overloaded or broken
    (429, 5xx) or has no index behind the alias (404)."""
    if isinstance(error, TransportError):
        return True
    if isinstance(error, ApiError):
        return error.status_code in (404, 429) or error.status_code >= 500
    return False


engine_breaker = EngineBreaker()
