"""The page cache: public pages, as anonymous visitors get them, answered from the cache.

A page is kept for ``PAGE_CACHE_SECONDS`` under the generation of content
(home/content_cache.py), the language, the scheme, host, path and query, and the time
slice it was rendered in. Any change a page may show bumps the generation and so
retires every kept page at once; the time slice bounds what changes by the clock alone
(a registration deadline passing, "upcoming" becoming "past") to one slice.

Kept only when nothing in the answer is personal: the request carries no session and no
messages cookie (no signed-in member, nothing waiting to be said), and the page used no
CSRF token (forms), no CSP nonce, set no cookie, wrote to no session and said nothing
private about caching itself. Everything else is answered as before, and marked
``Cache-Control: private`` when a session is involved, so a proxy keeps no member's page.

Kept pages carry ``Cache-Control: public, max-age``, an ``ETag`` and ``Last-Modified``; a
repeated request with ``If-None-Match`` or ``If-Modified-Since`` gets a 304.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date
from django.utils.translation import get_language

from home.content_cache import generation

HIT_HEADER = "X-Page-Cache"
# What a view says about its answer when no one else may keep it.
_PRIVATE_CACHING = ("private", "no-store", "no-cache")


def page_seconds() -> int:
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 60))


def _language_prefixes() -> tuple[str, ...]:
    return tuple(f"/{code}/" for code, _name in settings.LANGUAGES)


def _has_private_state(request: HttpRequest) -> bool:
    cookies = request.COOKIES
    return (settings.SESSION_COOKIE_NAME in cookies
            or getattr(settings, "MESSAGE_COOKIE_NAME", "messages") in cookies
            or "HTTP_AUTHORIZATION" in request.META)


def cache_key(request: HttpRequest) -> str | None:
    """Where the page of this request is kept, or None when it is not kept."""
    seconds = page_seconds()
    if (seconds <= 0 or request.method not in ("GET", "HEAD")
            or not request.path.startswith(_language_prefixes())
            or _has_private_state(request)):
        return None
    where = (get_language(), request.scheme, request.get_host(), request.get_full_path())
    digest = hashlib.sha1(repr(where).encode(), usedforsecurity=False).hexdigest()
    return f"page:{generation()}:{int(time.time() // seconds)}:{digest}"


def _used_personal_state(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return bool(
        request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a form's token is in the page
        or isinstance(getattr(request, "_csp_nonce", None), str)
        or (session is not None and session.modified)
        or (messages is not None and getattr(messages, "added_new", False))
        or getattr(getattr(request, "user", None), "is_authenticated", False)
    )


def _keepable(request: HttpRequest, response: HttpResponse) -> bool:
    cache_control = response.get("Cache-Control", "")
    return (response.status_code == 200
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and not response.cookies
            and not any(word in cache_control for word in _PRIVATE_CACHING)
            and "cookie" not in response.get("Vary", "").lower()
            and not _used_personal_state(request))


def _validators(response: HttpResponse, content: bytes, modified: float) -> None:
    response["ETag"] = f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'
    response["Last-Modified"] = http_date(modified)
    patch_cache_control(response, public=True, max_age=page_seconds())


class PageCacheMiddleware:
    """Answers anonymous visitors' page requests from the cache, and keeps what it can."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        key = cache_key(request)
        if key is not None:
            kept = cache.get(key)
            if kept is not None:
                return self._answer(request, kept)
        response = self.get_response(request)
        if key is not None and request.method == "GET" and _keepable(request, response):
            self._keep(key, response)
            response[HIT_HEADER] = "miss"
        elif request.path.startswith(_language_prefixes()) and _has_private_state(request):
            patch_cache_control(response, private=True)
        return response

    def _keep(self, key: str, response: HttpResponse) -> None:
        modified = time.time()
        _validators(response, response.content, modified)
        headers = [(name, value) for name, value in response.items()]
        cache.set(key, {"content": response.content, "headers": headers,
                        "modified": modified}, page_seconds())

    def _answer(self, request: HttpRequest, kept: dict[str, Any]) -> HttpResponse:
        response = HttpResponse(kept["content"])
        for name, value in kept["headers"]:
            response[name] = value
        response[HIT_HEADER] = "hit"
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=int(kept["modified"]),
            response=response)
        return conditional
