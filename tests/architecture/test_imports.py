"""The import rules of the plugins (README "Plugins", ../shared/DESIGN.md "Layout").

- The layers, checked by import-linter (contracts in pyproject.toml): a plugin imports
  only the plugins below it (``events`` > ``repository`` > ``community`` > ``home``),
  ``search`` imports none of the feature plugins (``home`` is the shared layer), and no
  plugin imports ``config`` or ``search``.
- No import inside a function, where it would dodge an import cycle unseen, unless the
  function's docstring says why it imports there (``AppConfig.ready()``: the models are
  not loaded before it runs).
"""

from __future__ import annotations

import ast
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ["config", "home", "community", "repository", "events", "search"]

# Files of other work in progress that still import inside functions; their owners
# are taking the imports out (search: the search helper; API modules: the API helper).
# Remove a file from here once it is clean: the test then keeps it clean.
BEING_CLEANED = {
    # the API helper
    "community/discussions_api.py", "events/ical.py", "config/api_schema.py",
}


def test_import_layers_hold():
    lint_imports = shutil.which("lint-imports", path=str(ROOT / ".venv" / "bin")) \
        or shutil.which("lint-imports")
    assert lint_imports, "import-linter is a test dependency (pip install -e '.[test]')"
    result = subprocess.run([lint_imports, "--no-cache"], cwd=ROOT, capture_output=True,
                            text=True)
    assert result.returncode == 0, result.stdout[-4000:]


def unexplained_function_imports(source: str) -> list[str]:
    """``function:line module`` for each import inside a function whose docstring does not
    mention why it imports there."""
    tree = ast.parse(source)
    found = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        docstring = (ast.get_docstring(function) or "").lower()
        if "import" in docstring:
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
            if "migrations" in path.parts or relative in BEING_CLEANED:
                continue
            found = unexplained_function_imports(path.read_text(encoding="utf-8"))
            if found:
                offences[relative] = found
    assert offences == {}


def test_files_being_cleaned_still_need_it():
    """A file that got clean leaves BEING_CLEANED, so that it stays clean."""
    clean = [name for name in sorted(BEING_CLEANED)
             if not (ROOT / name).exists()
             or not unexplained_function_imports((ROOT / name).read_text(encoding="utf-8"))]
    assert clean == []


def test_the_check_sees_a_function_import_and_accepts_a_reason():
    source = (
        "def a():\n    from x import y\n"
        'def b():\n    """Imported here: the models load after this module."""\n'
        "    import z\n"
    )
    assert unexplained_function_imports(source) == ["a:2 x"]
