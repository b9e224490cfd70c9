"""Absolute URLs: the scheme, host and port under which the platform is served.

Every address that leaves the page it is on names the site that is served: ``html_url``
and ``detail_url`` in the API, ``sitemap.xml``, a calendar's ``URL`` and ``UID``, the links
in e-mails, canonical and alternate links. One rule decides, here:

* In a request, where ``SITE_URL_FROM_REQUEST`` is on (development and the tests): the
  scheme, host and port the request came in on. Django checks the host against
  ``ALLOWED_HOSTS`` before anything is built from it: a forged ``Host`` header is answered
  400 and reaches no link and no e-mail.
* In a request otherwise (production): the root URL of the Wagtail Site that serves it
  (hostname and port as set in Settings → Sites; an unknown host gets the default site).
  The ``Host`` header itself never reaches a link.
* Outside a request (a task, a management command): in production the default Site's
  root URL; in development ``WAGTAILADMIN_BASE_URL``, which ``make run`` sets to the host
  and port it serves.

Mails and calendar files are often written deep inside a service that has no request at
hand; :class:`ServedRequestMiddleware` keeps the request being answered for the functions
here, so they follow it all the same.
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from wagtail.models import Page, Site

_answering: ContextVar[HttpRequest | None] = ContextVar("answering", default=None)


class ServedRequestMiddleware:
    """Keeps the request being answered for :func:`base_url` while it is answered."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _answering.set(request)
        try:
            return self.get_response(request)
        finally:
            _answering.reset(token)


def _request(request: Any) -> Any:
    # REST framework's Request passes for Django's (get_host(), scheme), and Wagtail
    # caches the request's Site on the object it was given: so it is used as it is.
    return request if request is not None else _answering.get()


def served_site(request: Any = None) -> Site | None:
    """The Wagtail Site that serves the request (or the default site)."""
    request = _request(request)
    site = Site.find_for_request(request) if request is not None else None
    return site or Site.objects.filter(is_default_site=True).first()


def base_url(request: Any = None) -> str:
    """``scheme://host[:port]`` of the site that is served, without a trailing slash."""
    request = _request(request)
    if settings.SITE_URL_FROM_REQUEST:
        if request is not None:
            # get_host() raises DisallowedHost (a 400) for a host not in ALLOWED_HOSTS.
            return f"{request.scheme}://{request.get_host()}"
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    site = served_site(request)
    if site is None:
        return settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    return site.root_url.rstrip("/")


def absolute_url(path: str, request: Any = None) -> str:
    """A path (or a URL another site's page has already) as a full address."""
    if path.startswith(("http://", "https://")):
        return served_url(path, request)
    return base_url(request) + path


def served_url(url: str, request: Any = None) -> str:
    """A full URL that Wagtail built from the served Site's root URL, on the host and port
    that is served instead; a path gets them too; another site's address stays."""
    if not url.startswith(("http://", "https://")):
        return base_url(request) + url
    site = served_site(request)
    root = site.root_url.rstrip("/") if site is not None else ""
    if root and (url == root or url.startswith(f"{root}/")):
        return base_url(request) + url[len(root):]
    return url


def page_url(page: Page, request: Any = None) -> str | None:
    """A page's full address, or ``None`` where it has none (not routable)."""
    url = page.get_full_url(_request(request))
    return served_url(url, request) if url else None


def served_host(request: Any = None) -> str:
    """The host name alone (no port): the domain part of calendar UIDs."""
    return urlsplit(base_url(request)).hostname or "localhost"
