import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from config.env import cache_from_url, check_secret_key, env_bool, env_int, env_list

ROOT = Path(__file__).resolve().parents[2]


def run_settings(module: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items()
             if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL", "DJANGO_SETTINGS_MODULE"}}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT, env={**clean, "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True, text=True,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings("config.settings.production", DEBUG="false")
    assert result.returncode != 0
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_refuses_the_development_key():
    result = run_settings("config.settings.production", DEBUG="false",
                          SECRET_KEY="django-insecure-development-only-key")
    assert "Set the SECRET_KEY environment variable" in result.stderr


def test_production_starts_with_a_real_key():
    result = run_settings("config.settings.production", DEBUG="false",
                          SECRET_KEY="x" * 50, ALLOWED_HOSTS="platform.example")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


@pytest.mark.parametrize("key", ["", "short", "django-insecure-" + "x" * 40])
def test_check_secret_key_names_the_variable(key):
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY"):
        check_secret_key(False, key)


def test_debug_mode_tolerates_a_development_key():
    check_secret_key(True, "")


def test_booleans_are_read_strictly(monkeypatch):
    monkeypatch.setenv("DEBUG", "yes")
    assert env_bool("DEBUG") is True
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG must be one of"):
        env_bool("DEBUG")


def test_numbers_name_the_variable(monkeypatch):
    monkeypatch.setenv("EMAIL_PORT", "twenty-five")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_PORT must be a whole number"):
        env_int("EMAIL_PORT", 25)


def test_lists_drop_blanks(monkeypatch):
    monkeypatch.setenv("ALLOWED_HOSTS", "a.example, ,b.example,")
    assert env_list("ALLOWED_HOSTS") == ["a.example", "b.example"]


def test_cache_urls():
    assert cache_from_url("locmem://x")["BACKEND"].endswith("LocMemCache")
    redis = cache_from_url("redis://127.0.0.1:6379/1?key_prefix=sc")
    assert redis == {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:6379/1",
        "KEY_PREFIX": "sc",
    }
    with pytest.raises(ImproperlyConfigured, match="CACHE_URL must start with"):
        cache_from_url("memcached://127.0.0.1")


def test_redis_cache_from_the_environment_really_caches(settings):
    """The machine runs a Redis server: the cache URL must produce a working cache."""
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    settings.CACHES = {"default": cache_from_url("redis://127.0.0.1:6379/3?key_prefix=test")}
    cache = caches.create_connection("default")
    assert isinstance(cache, RedisCache)
    try:
        cache.set("greeting", "moin", 5)
    except Exception as error:  # a machine without Redis says so instead of passing
        pytest.fail(f"Redis at 127.0.0.1:6379 did not answer: {error}")
    assert cache.get("greeting") == "moin"
    cache.delete("greeting")


def test_database_url_selects_the_engine():
    import dj_database_url

    assert dj_database_url.parse("postgres://postgres@127.0.0.1:5432/test")["ENGINE"] == (
        "django.db.backends.postgresql"
    )
