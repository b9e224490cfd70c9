"""Shared test fixtures live in a ``conftest.py``, and shared helpers in a helper module
(``factories.py``, ``*_helpers.py``, ``tests/baseline.py``, …): no test module imports
from another test module or from a ``conftest.py``. Importing a fixture from a test
module runs that module's tests' setup twice over and hides where a fixture comes from;
pytest finds conftest fixtures by itself."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]


def _is_test_or_conftest(module: str) -> bool:
    last = module.rsplit(".", 1)[-1]
    return last == "conftest" or last.startswith("test_")


def imports_of_tests_or_conftests(source: str) -> list[str]:
    """``line module`` for each import of a test module or a conftest in ``source``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            modules = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        elif isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        else:
            continue
        found += [f"{node.lineno} {module}" for module in modules
                  if module.startswith("tests.") and _is_test_or_conftest(module)]
    return found


def test_no_test_module_imports_another_or_a_conftest():
    offences = {}
    for path in sorted(TESTS.rglob("*.py")):
        found = imports_of_tests_or_conftests(path.read_text(encoding="utf-8"))
        if found:
            offences[path.relative_to(TESTS.parent).as_posix()] = found
    assert offences == {}


def test_the_check_sees_imports_of_test_modules_and_conftests():
    source = ("from tests.events.test_faq import faq_body\n"
              "from tests.community.conftest import make_user\n"
              "from tests.e2e import test_search\n"
              "from tests.events.factories import make_event\n")
    assert imports_of_tests_or_conftests(source) == [
        "1 tests.events.test_faq", "2 tests.community.conftest", "3 tests.e2e.test_search"]
