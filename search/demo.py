"""Demo content of the search plugin: none of its own, but an index that holds every
other plugin's demo content (the search plugin's loader runs last)."""

from __future__ import annotations

from collections.abc import Callable

from search.reconcile import reconcile


def load_demo_content(log: Callable[[str], None]) -> None:
    report = reconcile()
    for line in report.lines():
        log(f"Search index: {line}")
