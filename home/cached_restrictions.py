"""Page view restrictions read from the cache instead of the database on every request.

Works around an upstream gap: Wagtail (8.0) asks the database for the restrictions of a
page and its ancestors each time it serves one (``Page.get_view_restrictions``: two
queries), and for every restriction of the site each time a query asks for public pages
(``PageQuerySet.private_q``: one query per listing, navigation or feed). Restrictions
are few and change rarely; they are read once per generation of content
(home/content_cache.py), and a page without any costs no query at all.
tests/home/test_content_cache.py fails when Wagtail caches them itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.http import HttpRequest
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page, PageViewRestriction
from wagtail.query import PageQuerySet

from home.content_cache import remember

STEPLEN = Page.steplen


@dataclass(frozen=True)
class RestrictedSections:
    # path of a restricted page → ids of its restrictions
    by_path: dict[str, tuple[int, ...]]
    # path of an alias of a restricted page → ids of its source's restrictions
    by_alias_path: dict[str, tuple[int, ...]]
    # (path, depth) of every restricted page, for "public pages only" filters
    roots: tuple[tuple[str, int], ...]


def _read() -> RestrictedSections:
    by_page: dict[int, list[int]] = {}
    paths: dict[int, tuple[str, int]] = {}
    for restriction_id, page_id, path, depth in PageViewRestriction.objects.values_list(
            "id", "page_id", "page__path", "page__depth"):
        by_page.setdefault(page_id, []).append(restriction_id)
        paths[page_id] = (path, depth)
    by_alias_path = {}
    if by_page:
        for path, source_id in Page.objects.filter(alias_of_id__in=by_page).values_list(
                "path", "alias_of_id"):
            by_alias_path[path] = tuple(by_page[source_id])
    return RestrictedSections(
        by_path={paths[page_id][0]: tuple(ids) for page_id, ids in by_page.items()},
        by_alias_path=by_alias_path,
        roots=tuple(sorted(paths.values())),
    )


def restricted_sections() -> RestrictedSections:
    return remember(("view-restrictions",), _read)


def get_view_restrictions(self: Page) -> QuerySet:
    """The restrictions of the page and its ancestors, aliases standing for their
    source pages as in Wagtail (an alias's own path is listed with its source's
    restrictions); an empty query set (no query) when there are none."""
    sections = restricted_sections()
    ids: set[int] = set()
    for end in range(STEPLEN, len(self.path) + 1, STEPLEN):
        prefix = self.path[:end]
        ids.update(sections.by_path.get(prefix, ()))
        ids.update(sections.by_alias_path.get(prefix, ()))
    if not ids:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(id__in=ids)


def private_q(self: PageQuerySet) -> Q:
    """Wagtail's ``private_q`` over the cached restricted sections."""
    q = Q()
    for path, depth in restricted_sections().roots:
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])


WAGTAIL_GET_VIEW_RESTRICTIONS = Page.get_view_restrictions
WAGTAIL_PRIVATE_Q = PageQuerySet.private_q


def install() -> None:
    """Swaps Wagtail's look-ups for the cached ones (from ``AppConfig.ready()``)."""
    Page.get_view_restrictions = get_view_restrictions
    PageQuerySet.private_q = private_q


def anonymous_public_pages(request: HttpRequest) -> PageQuerySet | None:
    """What Wagtail's API serves to a visitor who is not signed in and has passed no
    password, from the cached restrictions and the cached translations of the site's root
    page: ``wagtail.api.querysets.get_public_pages_queryset`` reads every restriction, the
    groups of each (one query per restriction) and the root's translations on every
    request. ``None`` for anyone else (a member, a session that passed a password), whom
    Wagtail's own rule serves, since what they may see depends on who they are."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return None
    session = getattr(request, "session", None)
    passed_key = PageViewRestriction.passed_view_restrictions_session_key
    if session is not None and session.get(passed_key):
        return None
    pages = Page.objects.all().live().public()
    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    if site is None:
        return pages.none()
    root = site.root_page
    roots = [root, *remember(("root-translations", root.pk),
                             lambda: list(root.get_translations()))]
    in_site = Q()
    for page in roots:
        in_site |= Q(path__startswith=page.path, depth__gte=page.depth)
    return pages.filter(in_site)
