"""What the clock alone changes on the page being rendered.

The page cache (home/page_cache.py) keeps a page until a change of content retires it;
what changes by the clock alone, no change of content announces. So the code that reads
the clock while a page renders says so:

- :func:`changes_at` names the moment the page changes (an event starting, a
  registration deadline passing, a confirmation lapsing);
- :func:`changes_with_clock` says it changes at moments not known (search results rank
  upcoming events higher as they draw near).

What is said is collected per request (:func:`watching`, a context variable, so threads
and the API, which nobody watches, are unaffected), and the content cache
(home/content_cache.py) keeps it with what it remembers and says it again on each hit.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime


@dataclass
class Clock:
    """What the code run under :func:`watching` said about the clock."""

    changes: bool = False  # at moments not known
    next_change: float = math.inf  # a timestamp

    def merge(self, other: Clock) -> None:
        self.changes = self.changes or other.changes
        self.next_change = min(self.next_change, other.next_change)


_watched: ContextVar[Clock | None] = ContextVar("page_clock", default=None)


def changes_at(moment: datetime | None) -> None:
    """What is being rendered changes at ``moment`` by the clock alone (None: nothing
    ahead)."""
    clock = _watched.get()
    if clock is not None and moment is not None:
        clock.next_change = min(clock.next_change, moment.timestamp())


def changes_with_clock() -> None:
    """What is being rendered changes with the clock at moments not known."""
    clock = _watched.get()
    if clock is not None:
        clock.changes = True


def said(clock: Clock) -> None:
    """Says again what ``clock`` holds (a remembered value's clock, on a hit)."""
    watched = _watched.get()
    if watched is not None:
        watched.merge(clock)


@contextmanager
def watching() -> Iterator[Clock]:
    """What the code run inside says about the clock; said on to an outer watcher too."""
    clock = Clock()
    token = _watched.set(clock)
    try:
        yield clock
    finally:
        _watched.reset(token)
        said(clock)
