"""Fixtures shared by the whole suite.

- Database: pytest-django; PostgreSQL when DATABASE_URL points at one, else SQLite.
- Search engine: a real cluster when ELASTICSEARCH_URL is set, else a fresh clone of the
  in-memory osmem-server per test.
- Browser: Playwright driving Debian's Chromium against the live server.
- Clock: travelled to a fixed instant for every test (`tests/clock.py`); tests marked
  `clock` run at each of several instants (night, morning, DST change days).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from search.breaker import engine_breaker
from tests.baseline import capture_migrated_baseline, has_baseline, restore_migrated_baseline
from tests.clock import CLOCK_INSTANTS, DEFAULT_INSTANT
from tests.demo import install_demo
from tests.home.factories import bilingual_site
from tests.search_engine import PlainJsonNode

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def site(db):
    """A default site whose root is a German home page with a published English translation."""
    return bilingual_site()


@pytest.fixture
def editor_client(client):
    """A client signed in to the Wagtail admin as the office's editor (a superuser)."""
    user = get_user_model().objects.create_superuser("redaktion", "r@kts.example", "pw")
    client.force_login(user)
    return client


@pytest.fixture
def demo_site(db):
    install_demo("home")


@pytest.fixture
def search_engine_url(request) -> Iterator[str]:
    """URL of a search engine that answers over HTTP."""
    configured = os.environ.get("ELASTICSEARCH_URL")
    if configured:
        yield configured
        return
    clone = request.getfixturevalue("osmem_clone")
    yield clone.url


@pytest.fixture
def search_engine(settings, search_engine_url):
    """Points the settings at the search engine for one test."""
    settings.ELASTICSEARCH_URL = search_engine_url
    if not os.environ.get("ELASTICSEARCH_URL"):
        settings.ELASTICSEARCH_CLIENT_OPTIONS = {"node_class": PlainJsonNode}
    return search_engine_url


@pytest.fixture(scope="session")
def chromium():
    if not shutil.which(CHROMIUM):
        pytest.skip(f"No Chromium at {CHROMIUM}: install it with `apt-get install -y chromium`.")
    from playwright.sync_api import sync_playwright

    # Playwright's sync API keeps an event loop running in this thread for as long as the
    # browser lives; Django's ORM refuses to run beside a loop unless told it is safe
    # (here it is: the test thread is the loop's only user).
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium):
    context = chromium.new_context(locale="de-DE")
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(autouse=True)
def fresh_cache():
    """Each test starts with an empty cache: rate limits, log-in throttling and the
    search engine's backoff are counted there, and ids repeat between tests."""
    from django.core.cache import cache

    cache.clear()
    yield


def pytest_generate_tests(metafunc):
    """A test marked `clock` runs once at each instant of `tests.clock.CLOCK_INSTANTS`."""
    if metafunc.definition.get_closest_marker("clock"):
        metafunc.parametrize("frozen_clock", list(CLOCK_INSTANTS.values()), indirect=True,
                             ids=list(CLOCK_INSTANTS))


@pytest.fixture(autouse=True)
def frozen_clock(request) -> Iterator[time_machine.Coordinates]:
    """The clock stands at a known instant when each test starts (and ticks on from it),
    so no test passes or fails by the hour it runs at."""
    with time_machine.travel(getattr(request, "param", DEFAULT_INSTANT), tick=True) as clock:
        yield clock


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language: a request or a test that activated
    another leaves it active in the worker's thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def closed_breaker():
    """Each test starts with the search engine's circuit breaker closed (its state is
    per process, and a worker process runs many tests)."""
    engine_breaker.reset()
    yield
    engine_breaker.reset()


def _uses_database(item: pytest.Item) -> bool:
    return bool(item.get_closest_marker("django_db")) or any(
        name in item.fixturenames for name in ("db", "transactional_db", "live_server"))


def _empties_database(item: pytest.Item) -> bool:
    marker = item.get_closest_marker("django_db")
    transactional = bool(marker and (marker.kwargs.get("transaction") or (
        marker.args and marker.args[0])))
    return transactional or any(
        name in item.fixturenames for name in ("transactional_db", "live_server"))


@pytest.fixture(autouse=True)
def migrated_baseline(request, django_db_blocker):
    """Reads what the migrations wrote before the first test that uses the database (a
    transactional test empties the tables; see `tests/baseline.py`)."""
    if not has_baseline() and _uses_database(request.node):
        with django_db_blocker.unblock():
            capture_migrated_baseline()
    yield


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None):
    """After a transactional test has emptied the tables (in its fixtures' teardown), the
    migrated rows go back before the next test starts."""
    result = yield
    if nextitem is not None and has_baseline() and _empties_database(item):
        with item.config.stash[blocking_manager_key].unblock():
            restore_migrated_baseline()
    return result
