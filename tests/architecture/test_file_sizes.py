"""No file a person reads is longer than 400 lines (README "Tests"): past that, a module
wants splitting into a package and a test file into topics. Migrations, translation
catalogues, lock files and demo data are generated or data, not read top to bottom."""

from __future__ import annotations

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 400
CHECKED = {".py", ".html", ".js", ".css", ".md", ".toml", ".sh", ".txt"}
NOT_READ = {"migrations", "locale"}
GENERATED = {"requirements.lock", "package-lock.json"}

# Longer files that are being split, each with who splits it. Remove a file once it is
# short: the test then keeps it short.
BEING_SPLIT: dict[str, str] = {}


def tracked_files() -> list[str]:
    listed = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True,
                            check=True).stdout.splitlines()
    return [name for name in listed
            if Path(name).suffix in CHECKED and Path(name).name not in GENERATED
            and not NOT_READ.intersection(Path(name).parts)]


def test_no_file_is_longer_than_the_limit():
    too_long = {}
    for name in tracked_files():
        path = ROOT / name
        if name in BEING_SPLIT or not path.exists():
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").count("\n")
        if lines > LIMIT:
            too_long[name] = lines
    assert too_long == {}


def test_files_being_split_are_still_long():
    """A file that got short leaves BEING_SPLIT, so that it cannot grow back unseen."""
    short = [name for name in BEING_SPLIT
             if (ROOT / name).exists()
             and (ROOT / name).read_text(encoding="utf-8").count("\n") <= LIMIT]
    assert short == []
