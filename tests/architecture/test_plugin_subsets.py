"""Every allowed choice of plugins boots; every other one is refused at start.

Each allowed subset runs in a process of its own on a SQLite file of its own: migrate,
``check``, the home page in both languages, and each API endpoint's OpenAPI schema
where the endpoint offers one. A subset starts from a copy of a smaller subset's
migrated database (the one without its last plugin), so each run migrates only the
plugin it adds, as an installation does when a plugin is switched on later.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.plugins import Declaration, config_class_of, discover, installed_apps_for

ROOT = Path(__file__).resolve().parents[2]
PLUGINS = discover()
ESSENTIAL = [name for name in PLUGINS if Declaration.of(name).essential]
OPTIONAL = [name for name in PLUGINS if name not in ESSENTIAL]


def _closed(subset: frozenset[str]) -> bool:
    return all(set(Declaration.of(name).requires) <= subset for name in subset)


SUBSETS = [frozenset(ESSENTIAL) | frozenset(chosen)
           for size in range(len(OPTIONAL) + 1)
           for chosen in itertools.combinations(OPTIONAL, size)]
ALLOWED = [subset for subset in SUBSETS if _closed(subset)]
REFUSED = [subset for subset in SUBSETS if not _closed(subset)]


def _label(subset: frozenset[str]) -> str:
    return ",".join(name for name in PLUGINS if name in subset)


SMOKE = textwrap.dedent("""
    import json, sys
    import django
    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.urls import Resolver404, resolve
    from config.api import api_router

    call_command("migrate", verbosity=0, interactive=False)
    if sys.argv[1] == "fresh":
        from tests.home.factories import bilingual_site
        bilingual_site()
    call_command("check")
    client = Client()
    pages = {lang: client.get(f"/{lang}/").status_code for lang in ("de", "en")}
    schemas = {}
    for endpoint in sorted(api_router._endpoints):
        try:
            resolve(f"/api/v2/{endpoint}/schema/")
        except Resolver404:
            continue
        response = client.get(f"/api/v2/{endpoint}/schema/")
        schemas[endpoint] = [response.status_code, "openapi" in response.json()]
    print(json.dumps({"pages": pages, "schemas": schemas,
                      "endpoints": sorted(api_router._endpoints)}))
""")


@pytest.fixture(scope="module")
def databases(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("plugin-subsets")


def _boot(subset: frozenset[str], folder: Path) -> dict:
    target = folder / f"{_label(subset)}.sqlite3"
    smaller = [other for other in ALLOWED if other < subset and len(other) == len(subset) - 1]
    start = "fresh"
    if smaller:
        parent = folder / f"{_label(smaller[0])}.sqlite3"
        if not parent.exists():
            _boot(smaller[0], folder)
        shutil.copy(parent, target)
        start = "copy"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "PLATFORM_PLUGINS": _label(subset), "DATABASE_URL": f"sqlite:///{target}",
           "PLATFORM_VAR_DIR": str(folder / "var")}
    result = subprocess.run([sys.executable, "-c", SMOKE, start], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("subset", ALLOWED, ids=_label)
def test_allowed_plugin_subset_boots(subset, databases):
    state = _boot(subset, databases)
    assert state["pages"] == {"de": 200, "en": 200}
    assert all(status == [200, True] for status in state["schemas"].values()), state
    declared = {endpoint for name in subset
                for endpoint in (getattr(config_class_of(name), "api_endpoints", None) or {})}
    assert set(state["endpoints"]) == {"pages", "images", "documents"} | declared


def _config(name: str):
    from config.plugins import _plugin_config_class

    return _plugin_config_class(name)


@pytest.mark.parametrize("subset", REFUSED, ids=_label)
def test_disallowed_plugin_subset_is_refused_naming_both(subset):
    with pytest.raises(ImproperlyConfigured) as refusal:
        installed_apps_for(sorted(subset))
    message = str(refusal.value)
    assert "\n" not in message
    missing = {(name, needed) for name in subset for needed in Declaration.of(name).requires
               if needed not in subset}
    assert any(f"'{name}'" in message and f"'{needed}'" in message
               for name, needed in missing), message


def test_a_refused_choice_stops_manage_py_with_one_line():
    refused = next(iter(REFUSED))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "PLATFORM_PLUGINS": _label(refused)}
    result = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env=env,
                            capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("ImproperlyConfigured: PLATFORM_PLUGINS includes")


def test_every_subset_is_either_allowed_or_refused():
    # Without the essential plugins, nothing is allowed at all.
    assert len(ALLOWED) + len(REFUSED) == 2 ** len(OPTIONAL)
    assert ALLOWED and ESSENTIAL
