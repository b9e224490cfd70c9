"""``config`` mounts whatever the plugins declare and names none of them: no import of a
feature app, no string that points into one (``"community.views"``, ``"events:…"``).
Comments and docstrings may name them; the settings' ``SEARCH_*`` names are words, not
references to the search plugin's code, and neither is a mapping key such as the Wagtail
API's ``search`` parameter."""

from __future__ import annotations

import ast
from pathlib import Path

from config.plugins import discover

CONFIG = Path(__file__).resolve().parents[2] / "config"
PLUGINS = discover()


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr) \
                and isinstance(body[0].value, ast.Constant):
            found.add(id(body[0].value))
    return found


def _dict_keys(tree: ast.AST) -> set[int]:
    return {id(key) for node in ast.walk(tree) if isinstance(node, ast.Dict)
            for key in node.keys if key is not None}


def _names_a_plugin(text: str, *, bare: bool = True) -> str | None:
    for name in PLUGINS:
        if (bare and text == name) or text.startswith((f"{name}.", f"{name}:")):
            return name
    return None


def feature_app_references(source: str) -> list[str]:
    """Each place in ``source`` (Python) that imports a plugin or points into one."""
    tree = ast.parse(source)
    docstrings = _docstrings(tree)
    keys = _dict_keys(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            modules = [node.module or ""]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) \
                and id(node) not in docstrings:
            modules = [node.value] if _names_a_plugin(node.value, bare=id(node) not in keys) \
                else []
        else:
            continue
        found += [f"line {node.lineno}: {module!r}" for module in modules
                  if _names_a_plugin(module, bare=True)]
    return found


def test_config_names_no_feature_app():
    offences = {
        str(path.relative_to(CONFIG.parent)): found
        for path in sorted(CONFIG.rglob("*.py"))
        if (found := feature_app_references(path.read_text(encoding="utf-8")))
    }
    assert offences == {}


def test_the_check_sees_imports_and_dotted_paths():
    source = ('"""community is fine here."""\nimport events.models\nX = "community:login"\n'
              'Y = {"search": "a query parameter"}\nZ = "community" in PLUGINS\n')
    assert feature_app_references(source) == ["line 2: 'events.models'",
                                              "line 3: 'community:login'",
                                              "line 5: 'community'"]
