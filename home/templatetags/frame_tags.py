"""The public site's frame on the KERN design system: the grouped main navigation, the
breadcrumbs and the page metadata (description, Open Graph, canonical).

Kept apart from `home_tags` (navigation data, language links, footer) so that the front
end's markup decisions live in one small module. Feature pages are recognised by their
model's label (a string), so `home` imports no feature app; a switched-off plugin simply
has no such pages and its menu entries disappear.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, reverse, translate_url
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from home import site_urls
from home.content_cache import remember
from home.templatetags.home_tags import localized_home

register = template.Library()

DESCRIPTION_LENGTH = 160
# Fields a page may carry that sum it up, in the order a description is taken from them.
SUMMARY_FIELDS = ("search_description", "summary", "intro")
# Pages that open a section: model labels, or "slug:<slug>" for an editor's standard page.
SECTIONS: list[tuple[str, Any, list[tuple[str, Any]]]] = [
    ("knowledge", pgettext_lazy("main navigation", "Knowledge"), [
        ("repository.solutionindexpage", None),
        ("repository.modelprojectindexpage", None),
        ("repository.publicationindexpage", None),
    ]),
    ("start-smart", pgettext_lazy("main navigation", "Start Smart"), [
        ("slug:start-smart", pgettext_lazy("main navigation", "Overview")),
        ("events.eventindexpage", None),
        ("url:events:interest", pgettext_lazy("main navigation", "Initial consultation")),
        ("url:events:self_assessment", pgettext_lazy("main navigation", "Self-assessment")),
        ("events.eventindexpage?format=peer-learning",
         pgettext_lazy("main navigation", "Peer learning")),
        ("events.faqpage", pgettext_lazy("main navigation", "FAQ")),
    ]),
    ("community", pgettext_lazy("main navigation", "Community"), [
        ("community.peergroupindexpage", None),
    ]),
]


@dataclass
class NavSection:
    key: str
    title: str
    items: list[dict[str, Any]] = field(default_factory=list)

    @property
    def current(self) -> bool:
        return any(item["current"] for item in self.items)


def _label(page: Page) -> str:
    return page.specific_class._meta.label_lower if page.specific_class else ""


def _top_level_pages(request) -> tuple[Page | None, list[Page]]:
    home = localized_home(request)
    if home is None:
        return None, []
    if not hasattr(request, "_top_level_pages"):
        request._top_level_pages = remember(("top-level-pages", home.pk), lambda: list(
            home.get_children().live().public().select_related("content_type")
            .only("id", "title", "slug", "path", "depth", "url_path", "show_in_menus",
                  "content_type", "locale_id")
        ))
    return home, request._top_level_pages


def _resolve(entry: str, pages: list[Page], request) -> tuple[str, str, Page | None] | None:
    """(url, default title, page) of a section entry, or None when the site has none."""
    if entry.startswith("url:"):
        try:
            return reverse(entry[4:]), "", None
        except NoReverseMatch:
            return None
    target, _sep, query = entry.partition("?")
    for page in pages:
        matches = page.slug == target[5:] if target.startswith("slug:") else _label(page) == target
        if matches:
            url = page.get_url(request) or ""
            return (f"{url}?{query}" if query else url), page.title, page
    return None


def _search_url() -> str:
    try:
        return reverse("search:search")
    except NoReverseMatch:
        return ""


@register.inclusion_tag("components/header.html", takes_context=True)
def site_header(context) -> dict[str, Any]:
    """The header: brand, the main navigation's sections (Knowledge, Start Smart, Community,
    About us; top-level menu pages no section claims go under "About us"), the search field,
    the languages and the member's menu."""
    request = context.get("request")
    current = context.get("page") if isinstance(context.get("page"), Page) else None
    path = request.path if request is not None else ""
    home, pages = _top_level_pages(request)
    claimed: set[int] = set()
    sections = []
    for key, title, entries in SECTIONS:
        section = NavSection(key, str(title))
        for entry, label in entries:
            resolved = _resolve(entry, pages, request)
            if resolved is None:
                continue
            url, page_title, page = resolved
            if page is not None:
                claimed.add(page.pk)
            is_current = "?" not in url and (
                (page is not None and current is not None and current.path.startswith(page.path))
                or (page is None and path == url)
            )
            section.items.append({"url": url, "title": str(label or page_title),
                                  "current": is_current})
        if section.items:
            sections.append(section)
    about = NavSection("about", str(pgettext_lazy("main navigation", "About us")))
    for page in pages:
        if page.show_in_menus and page.pk not in claimed:
            about.items.append({
                "url": page.get_url(request), "title": page.title,
                "current": current is not None and current.path.startswith(page.path),
            })
    if about.items:
        sections.append(about)
    return {
        "home_url": home.get_url(request) if home else "/",
        "sections": sections,
        "search_url": _search_url(),
        "request": request,
        "page": context.get("page"),
        "error_page": context.get("error_page"),
        "account_nav": context.get("account_nav"),
        "LANGUAGE_CODE": context.get("LANGUAGE_CODE"),
    }


@register.inclusion_tag("components/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, *extra: Any, include_page: bool = False) -> dict[str, Any]:
    """The trail from the home page down to (not including) the current page. Views that
    are not pages get the home page, plus (title, url) pairs they pass in `extra`; views
    below a page (a thread in its group) pass `include_page=True`."""
    request = context.get("request")
    home = localized_home(request)
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    if home is None or (page is not None and page.pk == home.pk):
        return {"crumbs": []}
    if page is not None and page.depth > home.depth + 1:
        # The pages between the home page and this one: one query per change of content
        # (home.content_cache), their titles and addresses being content.
        between = remember(
            ("crumbs", page.pk, home.pk, request.get_host() if request else ""),
            lambda: [{"title": ancestor.title, "url": ancestor.get_url(request)}
                     for ancestor in page.get_ancestors().filter(depth__gt=home.depth).only(
                         "id", "title", "url_path", "path", "depth", "locale_id")])
        crumbs = [{"title": gettext("Home"), "url": home.get_url(request)}, *between]
    else:
        crumbs = [{"title": gettext("Home"), "url": home.get_url(request)}]
    if include_page and page is not None:
        crumbs.append({"title": page.title, "url": page.get_url(request)})
    for pair in extra:
        title, url = pair
        crumbs.append({"title": title, "url": url})
    return {"crumbs": crumbs}


@register.inclusion_tag("home/includes/alternate_links.html", takes_context=True)
def route_alternate_links(context) -> dict[str, Any]:
    """hreflang alternates of a view that is not a page (a thread, the search): the same
    route in each language, without its query."""
    request = context.get("request")
    if request is None:
        return {"links": [], "base": ""}
    links = [{"code": code, "url": translate_url(request.path, code)}
             for code, _name in settings.LANGUAGES]
    return {"links": links, "base": site_urls.base_url(request)}


def page_description(page: Any) -> str:
    """What a page is about in one line: its search description, else its summary or
    introduction, without markup, cut at a word near 160 characters."""
    for name in SUMMARY_FIELDS:
        value = getattr(page, name, "") if page is not None else ""
        if value:
            text = " ".join(strip_tags(str(value)).split())
            return Truncator(text).chars(DESCRIPTION_LENGTH)
    return ""


@register.inclusion_tag("components/page_meta.html", takes_context=True)
def page_meta(context, title: str = "", description: str = "") -> dict[str, Any]:
    """Meta description, canonical address and Open Graph tags of the current page."""
    request = context.get("request")
    page = context.get("page") if isinstance(context.get("page"), Page) else None
    description = description or page_description(page) or str(_(
        "Knowledge and networking platform of the Model Projects Smart Cities: solutions, "
        "publications, Start Smart events and peer groups for every municipality."))
    canonical = site_urls.absolute_url(request.path, request) if request is not None else ""
    language = (getattr(request, "LANGUAGE_CODE", "") or "de") if request else "de"
    return {
        "title": title or (page.seo_title or page.title if page is not None else ""),
        "description": description,
        "canonical": canonical,
        "og_locale": {"de": "de_DE", "en": "en_GB"}.get(language, language),
        "site_name": gettext("Smart Cities knowledge platform"),
    }


# The office's services, linked from the footer on every page (and wherever a page asks).
SERVICE_LINKS = [
    ("url:events:interest", pgettext_lazy("service link", "Request an initial consultation")),
    ("url:events:newsletter", pgettext_lazy("service link", "Subscribe to the newsletter")),
    ("events.eventindexpage", pgettext_lazy("service link", "Start Smart events")),
    ("events.faqpage", pgettext_lazy("service link", "Frequently asked questions")),
    ("url:search:search", pgettext_lazy("service link", "Search")),
]


@register.simple_tag(takes_context=True)
def service_links(context) -> list[dict[str, str]]:
    """The expression of interest, the newsletter, the events, the FAQ and the search, for
    the links the active plugins provide."""
    request = context.get("request")
    _home, pages = _top_level_pages(request)
    links = []
    for entry, label in SERVICE_LINKS:
        resolved = _resolve(entry, pages, request)
        if resolved is not None:
            links.append({"url": resolved[0], "title": str(label), "key": entry})
    return links


# Django's message levels as KERN's alert kinds.
ALERT_KINDS = {"debug": "info", "info": "info", "success": "success", "warning": "warning",
               "error": "danger"}


@register.filter
def alert_kind(message: Any) -> str:
    """The KERN alert kind (info, success, warning, danger) for a Django message."""
    return ALERT_KINDS.get(getattr(message, "level_tag", ""), "info")


@register.filter
def iso_datetime(value: Any) -> str:
    """A `<time datetime>` value: local time to the second with its offset (HTML allows
    at most milliseconds; Django's "c" format writes microseconds when there are any)."""
    if not value:
        return ""
    if hasattr(value, "hour"):
        aware = timezone.localtime(value) if timezone.is_aware(value) else value
        return aware.replace(microsecond=0).isoformat()
    return value.isoformat()


@register.simple_tag
def search_url() -> str:
    """The search page's address, or nothing when the search plugin is switched off."""
    return _search_url()
