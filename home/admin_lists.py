"""Lists in the editors' admin screens that the plugins build themselves (the moderation
queue's history, the membership requests): one table markup for all of them.

A screen names its columns once, with :func:`list_columns`; the header of
``home/admin/list_table.html`` and the labels each cell carries for the stacked layout on
narrow screens both come from that one list, so they cannot disagree. The screen's own
row template draws the cells."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class ListColumn:
    """One column: its name (for the row template), its heading, and whether the
    heading is read to screen readers only (a column of checkboxes needs no visible one)."""

    name: str
    label: Any
    visually_hidden: bool = False


def list_columns(*columns: ListColumn) -> dict[str, Any]:
    """The context ``home/admin/list_table.html`` needs for ``columns``: the columns in
    order, and their labels by name for the row template's cells."""
    return {"columns": list(columns), "labels": {column.name: column.label for column in columns}}
