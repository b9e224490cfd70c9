import importlib
import json
import os
import subprocess
import sys
import textwrap
from io import StringIO
from pathlib import Path

import pytest
from django.apps import AppConfig, apps
from django.core.exceptions import ImproperlyConfigured
from django.urls import clear_url_caches

from config import plugins
from config.plugins import installed_apps_for
from tests.plugins.sample.demo import LOADED

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = "tests.plugins.sample"


def _remount():
    import config.api
    import config.urls

    importlib.reload(config.api)
    importlib.reload(config.urls)
    clear_url_caches()


@pytest.fixture
def sample_plugin_enabled():
    """Installs the test plugin into Django's app registry for one test.

    override_settings(INSTALLED_APPS=…) would re-run every app's ready(), which Wagtail 8's
    redirects app does not survive (it mounts its admin API router a second time), so
    the app config is added to the registry directly; the environment-driven path is
    covered end to end by test_platform_plugins_environment_variable_switches_plugins.
    """
    app_config = AppConfig.create(SAMPLE)
    app_config.apps = apps
    app_config.models = {}
    apps.app_configs[app_config.label] = app_config
    apps.clear_cache()
    _remount()
    yield
    del apps.app_configs[app_config.label]
    apps.clear_cache()
    _remount()


@pytest.mark.django_db
def test_test_plugin_mounts_its_route_under_each_language(client, sample_plugin_enabled):
    german = client.get("/de/sample-plugin/")
    english = client.get("/en/sample-plugin/")
    assert german.content == b"sample plugin (de)"
    assert english.content == b"sample plugin (en)"


@pytest.mark.django_db
def test_test_plugin_adds_its_api_endpoint(client, sample_plugin_enabled):
    response = client.get("/api/v2/sample-locales/")
    assert response.status_code == 200
    codes = {item["language_code"] for item in response.json()["items"]}
    assert codes == {"de", "en"}


@pytest.mark.django_db
def test_switched_off_plugin_leaves_no_route_or_endpoint(client):
    assert SAMPLE not in [p.name for p in plugins.plugins()]
    assert client.get("/de/sample-plugin/").status_code == 404
    assert client.get("/api/v2/sample-locales/").status_code == 404


@pytest.mark.django_db
def test_test_plugin_contributes_demo_content_and_readiness(client, sample_plugin_enabled):
    from django.core.management import call_command

    LOADED.clear()
    call_command("load_demo", "sample_plugin", stdout=StringIO())
    assert LOADED == ["sample"]
    assert client.get("/readyz").json()["checks"]["sample"] == "ok"


def test_test_plugin_offers_its_search_sources(sample_plugin_enabled):
    from tests.plugins.sample.search import SAMPLE_SOURCE

    assert SAMPLE_SOURCE in plugins.search_sources()


def test_switched_off_plugin_offers_no_search_source():
    from tests.plugins.sample.search import SAMPLE_SOURCE

    assert SAMPLE_SOURCE not in plugins.search_sources()


def test_plugins_are_the_feature_apps_in_order():
    assert [p.name for p in plugins.plugins()] == [
        "home", "community", "repository", "events", "academy", "news", "search"]


def test_a_plugin_without_what_it_builds_on_is_refused():
    with pytest.raises(ImproperlyConfigured,
                       match="'events', which requires 'repository': enable repository"):
        installed_apps_for(["home", "community", "events"])


def test_home_is_required():
    with pytest.raises(ImproperlyConfigured, match="PLATFORM_PLUGINS must include home"):
        installed_apps_for(["repository", "search"])


def test_a_plugin_named_twice_is_refused():
    with pytest.raises(ImproperlyConfigured, match="names 'search' twice"):
        installed_apps_for(["home", "search", "search"])


def test_a_mistyped_plugin_is_named_in_the_error():
    with pytest.raises(ImproperlyConfigured, match="names 'serach', but there is no such"):
        installed_apps_for(["home", "serach"])


def test_a_plugin_cannot_take_a_built_in_endpoint(sample_plugin_enabled, monkeypatch):
    config = apps.get_app_config("sample_plugin")
    monkeypatch.setattr(config, "api_endpoints", {"pages": "x.Y"}, raising=False)
    with pytest.raises(ImproperlyConfigured, match="'pages', which is built in"):
        list(plugins.api_endpoints())


def test_a_wrongly_typed_declaration_is_named(sample_plugin_enabled, monkeypatch):
    config = apps.get_app_config("sample_plugin")
    monkeypatch.setattr(config, "search_sources", "tests.plugins.sample.search", raising=False)
    with pytest.raises(ImproperlyConfigured, match="search_sources must be a"):
        plugins.plugins()


def test_switching_off_search_removes_its_readiness_check():
    state = _run_with_plugins("home", """
        from django.test import Client
        from config.plugins import readiness_checks, search_sources
        print(json.dumps({
            "checks": [component for component, _check in readiness_checks()],
            "sources": [source.__name__ for source in search_sources()],
        }))
    """)
    # Only home's own source stays declared; with search off nothing reads it.
    assert state == {"checks": [], "sources": ["StandardPageSource"]}


def _run_with_plugins(plugin_names: str, body: str) -> dict:
    script = "import json\nimport django\ndjango.setup()\n" + textwrap.dedent(body)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test",
           "PLATFORM_PLUGINS": plugin_names}
    env.pop("DATABASE_URL", None)
    result = subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=env,
                            capture_output=True, text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_platform_plugins_environment_variable_switches_plugins():
    """The real path: the environment decides INSTALLED_APPS, routes and endpoints."""
    script = textwrap.dedent("""
        import json
        import django
        django.setup()
        from django.conf import settings
        from django.urls import Resolver404, resolve
        from config.api import api_router
        try:
            sample_route = resolve("/de/sample-plugin/").url_name
        except Resolver404:
            sample_route = None
        print(json.dumps({
            "apps": settings.INSTALLED_APPS,
            "endpoints": sorted(api_router._endpoints),
            "sample_route": sample_route,
        }))
    """)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "PLATFORM_PLUGINS": f"home,search,{SAMPLE}",
    }
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        check=True,
    )
    state = json.loads(result.stdout.strip().splitlines()[-1])
    assert SAMPLE in state["apps"]
    assert "repository" not in state["apps"] and "community" not in state["apps"]
    assert "sample-locales" in state["endpoints"]
    assert state["sample_route"] == "sample-plugin"


@pytest.mark.django_db
def test_load_demo_names_the_plugins_it_knows_when_asked_for_another():
    from django.core.management import call_command
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="No demo content for nope; plugins with demo"):
        call_command("load_demo", "nope", stdout=StringIO())
