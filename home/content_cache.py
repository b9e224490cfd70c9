"""What every page asks the same way (the served Site, the locales, the site frame's
pages, settings and snippets), computed once per change of content instead of once per
request, and the one counter that says when content changed.

The counter (the *generation*) is a single cache key. Anything saved or deleted that a
page may show bumps it: pages (publishing, unpublishing, moving, deleting, translating
all save or delete a page), snippets, settings, sites, locales, pictures, and the
plugins' own models (registrations, memberships, posts). Every key derived from content
carries the generation, so a bump retires them all at once; nothing needs to know which
entries a change touched. Models that change without changing what a page shows
(sessions, sign-in attempts, task results, renditions, editing sessions) are ignored,
and a plugin adds its own such models with :func:`ignore_model`.

The generation starts from the clock, not from 1: when the counter alone is evicted,
the next one is larger than any before it, and no stale entry can match it again.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.http import HttpRequest, HttpResponse
from django.http.request import split_domain_port
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site
from wagtail.models.i18n import LocaleManager
from wagtail.url_routing import RouteResult

from home import page_clock
from home.images import PageImageMixin

T = TypeVar("T")

GENERATION_KEY = "content:generation"
# Models whose rows change while pages stay as they were. Labels (app_label.model_name
# in lower case) or whole apps (app_label alone).
_IGNORED: set[str] = {
    "sessions", "axes", "admin", "contenttypes", "django_tasks_db",
    "auth.permission",
    "wagtailimages.rendition",
    "wagtailadmin.editingsession",
    "wagtailusers.userprofile",
    "wagtailcore.pagesubscription",
    "wagtailcore.workflowstate",
    "wagtailcore.taskstate",
}


def ignore_model(label: str) -> None:
    """A model (``app_label.model_name``) or an app whose changes leave every page as it
    was: a plugin calls this from its ``AppConfig.ready()`` for its bookkeeping."""
    _IGNORED.add(label.lower())


def frame_seconds() -> int:
    """How long a derived entry lives at most (it is retired earlier by a bump)."""
    return int(getattr(settings, "CONTENT_CACHE_SECONDS", 3600))


def generation() -> int:
    """The current generation of content (set from the clock when the cache has none)."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)
        value = cache.get(GENERATION_KEY)
    return int(value)


def bump_generation() -> None:
    """Retire everything derived from content."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no counter yet (or evicted): start one past the clock
        cache.add(GENERATION_KEY, time.time_ns() // 1000, timeout=None)


def content_changed(**_kwargs: Any) -> None:
    """Bump now, and again when the transaction commits: a request that read the old
    rows between the two (before the commit made the new ones visible) cached them under
    the first bump's generation, which the second retires."""
    bump_generation()
    transaction.on_commit(bump_generation)


def _counts(model: type[models.Model] | None) -> bool:
    if model is None:
        return False
    meta = model._meta
    return not ({meta.app_label, meta.label_lower} & _IGNORED)


def model_changed(sender: type[models.Model] | None = None, **kwargs: Any) -> None:
    """post_save, post_delete and m2m_changed of any model: bump unless it is ignored."""
    if kwargs.get("action", "post_").startswith("pre_"):
        return  # m2m_changed sends pre_ and post_ of each change: one bump is enough
    if _counts(sender):
        content_changed()


def remember(parts: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """``compute()``, cached under ``parts`` for the current generation, with what it
    said about the clock (home/page_clock.py): said again on each hit, so the page cache
    knows it as when it was computed, and computed afresh once the moment it named came."""
    # Hashed: parts may hold what a visitor typed (paths), which is no valid cache key.
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()
    key = f"content:{generation()}:{digest}"
    kept = cache.get(key)
    now = time.time()
    if kept is not None and kept[1].next_change > now:
        value, clock = kept
        page_clock.said(clock)
        return value
    with page_clock.watching() as clock:
        value = compute()
    seconds = min(frame_seconds(), clock.next_change - now)
    if seconds >= 1:
        cache.set(key, (value, clock), int(seconds))
    return value


class CachedSiteMiddleware:
    """Finds the Wagtail Site of a request in the cache: Wagtail asks the database on
    every request (``Site.find_for_request``), and keeps the answer on the request
    (``_wagtail_site``), which this fills. The Site carries its root page as its specific
    page, so serving the home page needs no query for it either.

    It fills it once the view is known, so a view that asks for nothing (the liveness
    probe: a view with the attribute ``needs_no_site``, as ``csrf_exempt`` marks one
    that needs no token) touches neither the database nor the cache.
    Middleware that runs before the view and asks for the Site (none does today) would
    find it through Wagtail's own lookup, uncached but correct."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable[..., Any],
                     view_args: tuple[Any, ...], view_kwargs: dict[str, Any]) -> None:
        if getattr(view_func, "needs_no_site", False) or hasattr(request, "_wagtail_site"):
            return
        hostname = split_domain_port(request._get_raw_host())[0]
        request._wagtail_site = remember(("site", hostname, request.get_port()),
                                         lambda: _site_with_specific_root(request))


def _site_with_specific_root(request: HttpRequest) -> Site | None:
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific
    return site


def _locales() -> dict[str, Locale]:
    return {locale.language_code: locale for locale in Locale.objects.all()}


def cached_get_for_language(manager: LocaleManager, language_code: str) -> Locale:
    """``Locale.objects.get_for_language`` from the cached locales.

    Works around an upstream gap: Wagtail (8.0) asks the database for the active locale
    every time it is needed (routing, ``Page.localized``, ``Locale.get_active()``): three
    to five identical queries per page. tests/home/test_content_cache.py fails when
    Wagtail caches it itself, so this can go."""
    code = get_supported_content_language_variant(language_code)
    locale = remember(("locales",), _locales).get(code)
    if locale is None:
        raise Locale.DoesNotExist(f"No locale {code}")
    return locale


WAGTAIL_GET_FOR_LANGUAGE = LocaleManager.get_for_language


def install_locale_cache() -> None:
    """Swaps Wagtail's locale look-up for the cached one (from ``AppConfig.ready()``)."""
    LocaleManager.get_for_language = cached_get_for_language


_NOT_CACHED = "not cached"


def cached_route(root: Page, request: HttpRequest, path_components: list[str],
                 route: Callable[[HttpRequest, list[str]], RouteResult]) -> RouteResult:
    """Wagtail's ``route`` from the root page, with the page it finds cached: routing asks
    the database for each step of the path, twice (the child, then its specific page).
    Only plain pages are cached; a page that routes further itself (a routable page's
    sub-views) is routed afresh, and a miss (404) is never cached."""
    key = ("route", root.pk, *path_components)
    page = remember(key, lambda: _plain_page(route(request, path_components)))
    if page == _NOT_CACHED:
        return route(request, path_components)
    return RouteResult(page)


def _plain_page(result: RouteResult) -> Page | str:
    page, args, kwargs = result
    if args or kwargs:
        return _NOT_CACHED
    # What every page shows of itself, loaded before it is cached, so that it is cached
    # with it: its locale (language links, the search's language) and its own picture.
    _locale = page.locale
    if isinstance(page, PageImageMixin) and page.image_id:
        _image = page.image
    return page
