"""Typed readers for settings that come from the environment (12-factor).

Each reader names the variable in its error, so a misconfigured deployment says
exactly what to fix.
"""

from __future__ import annotations

import os
from typing import TypeVar
from urllib.parse import parse_qs, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no/on/off, not {raw!r}.")


Number = TypeVar("Number", int, float)


def env_int(name: str, default: int) -> int:
    return _env_number(name, default, int, "a whole number")


def env_float(name: str, default: float) -> float:
    """A number of seconds or similar; a dot for decimals (0.5)."""
    return _env_number(name, default, float, "a number such as 0.5")


def _env_number(name: str, default: Number, kind: type[Number], what: str) -> Number:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return kind(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be {what}, not {raw!r}.") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    """A comma-separated list; blanks are dropped."""
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def cache_from_url(url: str) -> dict:
    """A Django CACHES entry from `locmem://`, `dummy://` or `redis://host:port/db`."""
    parts = urlsplit(url)
    if parts.scheme == "locmem":
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": parts.netloc or "platform",
        }
    if parts.scheme == "dummy":
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    if parts.scheme in {"redis", "rediss"}:
        options = {key: values[-1] for key, values in parse_qs(parts.query).items()}
        prefix = options.pop("key_prefix", "platform")
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url.split("?", 1)[0],
            "KEY_PREFIX": prefix,
        }
    raise ImproperlyConfigured(
        f"CACHE_URL must start with locmem://, dummy://, redis:// or rediss://, not {url!r}."
    )


def check_secret_key(debug: bool, secret_key: str) -> None:
    """Refuse to serve with DEBUG off and a missing or development secret key."""
    if debug:
        return
    if not secret_key or secret_key.startswith("django-insecure") or len(secret_key) < 32:
        raise ImproperlyConfigured(
            "Set the SECRET_KEY environment variable to a long random value (at least 32 "
            "characters, e.g. from `python -c 'import secrets; print(secrets.token_urlsafe(50))'`)"
            "; production refuses to start with DEBUG off and a missing or default key."
        )
