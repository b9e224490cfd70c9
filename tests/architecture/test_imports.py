"""The import rules of the plugins (README "Plugins", ../shared/DESIGN.md "Layout").

- The layers, checked by import-linter (contracts in pyproject.toml): a plugin imports
  only the plugins below it (``events`` > ``repository`` > ``community`` > ``home``),
  ``search`` imports none of the feature plugins (``home`` is the shared layer), and no
  plugin imports ``config`` or ``search``.
- No import inside a function, where it would dodge an import cycle unseen, unless the
  function's docstring says why it imports there. The only ones left are in
  ``AppConfig.ready()``: the signal handlers and page views import the models, which
  Django loads only after every app's config. (A cycle that a function-level import
  would hide is broken by moving code instead: the schema views live in config/api.py
  because drf_spectacular.views loads config.api_schema, DRF's schema class.)
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["config", "home", "community", "repository", "events", "news", "academy",
            "search"]


def test_import_layers_hold():
    lint_imports = shutil.which("lint-imports", path=str(ROOT / ".venv" / "bin")) \
        or shutil.which("lint-imports")
    assert lint_imports, "import-linter is a test dependency (pip install -e '.[test]')"
    result = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout[-4000:]


# A docstring that explains says where and why: "The imports are made here because …",
# "imported here because …". A docstring that merely mentions importing (the
# municipality importer's) does not excuse an import.
_REASON = re.compile(r"\bimport(s|ed)?\b.*?\bhere\b", re.IGNORECASE | re.DOTALL)


def unexplained_function_imports(source: str) -> list[str]:
    """``function:line module`` for each import inside a function whose docstring does not
    say why it imports there."""
    tree = ast.parse(source)
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if _REASON.search(ast.get_docstring(function) or ""):
            continue
        for node in ast.walk(function):
            if isinstance(node, ast.Import | ast.ImportFrom):
                module = node.module if isinstance(node, ast.ImportFrom) else \
                    node.names[0].name
                found.append(f"{function.name}:{node.lineno} {module}")
    return found


def test_no_unexplained_function_level_import():
    offences = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            relative = path.relative_to(ROOT).as_posix()
            if "migrations" in path.parts:
                continue
            found = unexplained_function_imports(path.read_text(encoding="utf-8"))
            if found:
                offences[relative] = found
    assert offences == {}


def test_the_check_sees_a_function_import_and_accepts_a_reason():
    source = (
        "def a():\n    from x import y\n"
        'def b():\n    """Imported here: the models load after this module."""\n'
        "    import z\n"
        'def c():\n    """Imports the rows of a spreadsheet."""\n'
        "    import csv\n"
    )
    assert unexplained_function_imports(source) == ["a:2 x", "c:8 csv"]
