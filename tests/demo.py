"""The demo content in tests.

- :func:`load_demo` runs ``load_demo`` as ``make demo`` does: for the tests of the
  loaders themselves (what they print, that a second run changes nothing).
- :func:`install_demo` gives a test the same content for less: the command takes about
  a minute per call under load, and some twenty tests (and each browser test of the
  front end) only need its result. The first call on a worker runs the command and
  reads every row it leaves (``tests/baseline.py``) and the files it stored; each later
  call writes those rows back with plain SQL and puts back any file that a test removed
  since. A snapshot belongs to one set of plugins and one hour of the test clock (the
  demo dates its events from today). The command runs as usual when the database holds
  more than the migrations wrote (a snapshot would drop the test's own rows, or keep
  them for the next test) and when a search engine is configured (its index is not in
  the database).
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from dataclasses import dataclass
from io import StringIO
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from tests.baseline import Snapshot, capture_rows, holds_only_migrated_rows, restore_rows


def load_demo(*plugins: str) -> str:
    out = StringIO()
    call_command("load_demo", *plugins, stdout=out)
    return out.getvalue()


@dataclass
class DemoSnapshot:
    rows: Snapshot
    files: Path  # a copy of each file root, by the root's setting name


_snapshots: dict[tuple[tuple[str, ...], str], DemoSnapshot] = {}
_FILE_ROOTS = ("MEDIA_ROOT", "PRIVATE_MEDIA_ROOT")


def install_demo(*plugins: str) -> None:
    """The demo content of ``plugins`` (all when none are named), as ``load_demo`` writes
    it, in this test's database."""
    key = (plugins, timezone.localtime().strftime("%Y-%m-%d %H"))
    if settings.ELASTICSEARCH_URL or not holds_only_migrated_rows():
        load_demo(*plugins)
        return
    snapshot = _snapshots.get(key)
    if snapshot is None:
        load_demo(*plugins)
        _snapshots[key] = DemoSnapshot(rows=capture_rows(), files=_copy_files())
        return
    restore_rows(snapshot.rows)
    _put_back_files(snapshot.files)
    # What the cache derived from the rows before (the content generation's entries)
    # is gone with them, as a load's saves would have retired it.
    cache.clear()


def _copy_files() -> Path:
    copy = Path(tempfile.mkdtemp(prefix="demo-files-"))
    atexit.register(shutil.rmtree, copy, ignore_errors=True)
    for name in _FILE_ROOTS:
        root = Path(getattr(settings, name))
        if root.exists():
            shutil.copytree(root, copy / name)
    return copy


def _put_back_files(copy: Path) -> None:
    for name in _FILE_ROOTS:
        kept = copy / name
        if not kept.exists():
            continue
        root = Path(getattr(settings, name))
        for path in kept.rglob("*"):
            target = root / path.relative_to(kept)
            if path.is_file() and not target.exists():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, target)
