"""The page cache: public pages, as anonymous visitors get them, answered from the cache.

A page is kept under the generation of content (home/content_cache.py), the language,
the scheme, host, path and query. Any change a page may show bumps the generation and so
retires every kept page at once; what the clock alone changes, the code that renders it
says (home/page_clock.py):

- a page that changes at a known moment (an event starting, a registration deadline
  passing, a confirmation lapsing) is kept until then at most;
- a page that changes with the clock at moments not known (search results ranking
  upcoming events higher) is kept ``PAGE_CACHE_SECONDS`` at most;
- a page that says neither does not depend on the clock and is kept as long as the
  content cache keeps what it derives (``CONTENT_CACHE_SECONDS``), until a change of
  content retires it.

Every lifetime is staggered (a random share of the last fifth is left off), so that the
pages rendered together after a change of content do not all expire in the same second.

Kept only when nothing in the answer is personal: the request carries no session and no
messages cookie (no signed-in member, nothing waiting to be said), and the page used no
CSP nonce, set no cookie, wrote to no session and said nothing private about caching
itself. A page whose forms carry a CSRF token (an event's registration) is kept with a
place for the token, and each answer fills in the visitor's own (with its cookie, and
``Cache-Control: private``, as the answer is the visitor's); a page that shows the
token anywhere else is not kept. Everything else is answered as before, and marked
``Cache-Control: private`` when a session is involved, so a proxy keeps no member's page.

Kept pages carry ``Cache-Control: public, max-age`` (``PAGE_CACHE_SECONDS`` at most, as a
proxy is not told about changes of content, and never past the page's next change), an
``ETag`` and ``Last-Modified``; a repeated request with ``If-None-Match`` or
``If-Modified-Since`` gets a 304.
"""

from __future__ import annotations

import hashlib
import random
import re
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import _unmask_cipher_token, get_token
from django.middleware.gzip import re_accepts_gzip
from django.utils.cache import get_conditional_response, patch_cache_control, patch_vary_headers
from django.utils.http import http_date
from django.utils.text import compress_string
from django.utils.translation import get_language

from home import page_clock
from home.content_cache import frame_seconds, generation

HIT_HEADER = "X-Page-Cache"
# What a view says about its answer when no one else may keep it.
_PRIVATE_CACHING = ("private", "no-store", "no-cache")
# The share of a lifetime that may be left off at random (staggering).
STAGGER = 0.2
# A form's CSRF token as {% csrf_token %} writes it, the place a kept page holds for it
# (no page has a NUL byte), and anything else that may be a masked token.
_CSRF_FIELD = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]{64}(")')
_TOKEN_PLACE = b"\x00csrf-token\x00"
_TOKEN_LIKE = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")


def page_seconds() -> int:
    """How long a page that changes with the clock is kept at most (0: no page is kept),
    and the longest ``max-age`` a proxy is given."""
    return int(getattr(settings, "PAGE_CACHE_SECONDS", 60))


def lifetime(clock: page_clock.Clock, now: float) -> int:
    """Seconds a page rendered at ``now`` is kept (0: not at all), staggered."""
    longest = page_seconds() if clock.changes else frame_seconds()
    seconds = longest * (1 - STAGGER * random.random())
    return max(0, int(min(seconds, clock.next_change - now)))


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
    return f"page:{generation()}:{digest}"


def _used_form_token(request: HttpRequest) -> bool:
    return bool(request.META.get("CSRF_COOKIE_NEEDS_UPDATE"))


def _without_form_tokens(request: HttpRequest, content: bytes) -> bytes | None:
    """The page with a place for the token in each form, or None when the visitor's
    token (masked or not) shows anywhere else: no one else may see it."""
    content = _CSRF_FIELD.sub(rb"\1" + _TOKEN_PLACE + rb"\2", content)
    secret = request.META.get("CSRF_COOKIE", "")
    if not secret or secret.encode() in content:
        return None
    for candidate in _TOKEN_LIKE.findall(content):
        if _unmask_cipher_token(candidate.decode()) == secret:
            return None
    return content


def _used_personal_state(request: HttpRequest) -> bool:
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return bool(
        isinstance(getattr(request, "_csp_nonce", None), str)
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


def _compressed(content: bytes) -> bytes | None:
    """The page gzipped once, when it is kept, instead of by GZipMiddleware on every
    answer (which costs more than the rest of a hit). Without that middleware's random
    padding against BREACH: a page kept for everyone holds no secret to guess at."""
    if len(content) < 200:  # as GZipMiddleware: not worth it
        return None
    compressed = compress_string(content)
    return compressed if len(compressed) < len(content) else None


def _max_age(response: HttpResponse, expires: float, now: float) -> None:
    """What a proxy may keep: ``PAGE_CACHE_SECONDS``, never past the page's expiry."""
    patch_cache_control(response, public=True,
                        max_age=max(0, int(min(page_seconds(), expires - now))))


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
        with page_clock.watching() as clock:
            response = self.get_response(request)
        if (key is not None and request.method == "GET" and _keepable(request, response)
                and self._keep(request, key, response, clock)):
            response[HIT_HEADER] = "miss"
        elif request.path.startswith(_language_prefixes()) and _has_private_state(request):
            patch_cache_control(response, private=True)
        return response

    def _keep(self, request: HttpRequest, key: str, response: HttpResponse,
              clock: page_clock.Clock) -> bool:
        """Keeps the page for its lifetime; False when that is none (it changes now) or
        it shows the visitor's token outside a form."""
        modified = time.time()
        seconds = lifetime(clock, modified)
        if seconds <= 0:
            return False
        form_token = _used_form_token(request)
        content = (_without_form_tokens(request, response.content) if form_token
                   else response.content)
        if content is None:
            return False
        if not form_token:
            _validators(response, content, modified)
        headers = [(name, value) for name, value in response.items()]
        expires = modified + seconds
        cache.set(key, {"content": content, "headers": headers, "form_token": form_token,
                        "gzip": None if form_token else _compressed(content),
                        "modified": modified, "expires": expires}, seconds)
        if form_token:
            patch_cache_control(response, private=True)
        else:
            _max_age(response, expires, modified)
        return True

    def _answer(self, request: HttpRequest, kept: dict[str, Any]) -> HttpResponse:
        content = kept["content"]
        if kept["form_token"]:  # the visitor's own token (CsrfViewMiddleware sets the cookie)
            content = content.replace(_TOKEN_PLACE, get_token(request).encode())
        gzipped = kept["gzip"] is not None and re_accepts_gzip.search(
            request.META.get("HTTP_ACCEPT_ENCODING", ""))
        response = HttpResponse(kept["gzip"] if gzipped else content)
        for name, value in kept["headers"]:
            response[name] = value
        response[HIT_HEADER] = "hit"
        if kept["form_token"]:
            patch_cache_control(response, private=True)
            return response
        if kept["gzip"] is not None:
            patch_vary_headers(response, ("Accept-Encoding",))
        if gzipped:  # as GZipMiddleware answers, which leaves an encoded answer alone
            response["Content-Encoding"] = "gzip"
            response["Content-Length"] = str(len(kept["gzip"]))
            response["ETag"] = f"W/{response['ETag']}"
        _max_age(response, kept["expires"], time.time())
        conditional = get_conditional_response(
            request, etag=response["ETag"], last_modified=int(kept["modified"]),
            response=response)
        return conditional
