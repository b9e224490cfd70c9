"""Every public page of the demo site, reached by following links from the two home pages
as a visitor would, carries the site frame: the header's search form, breadcrumbs below
the top level, a meta description, a canonical address and hreflang alternates; and the
office's entry points (expression of interest, newsletter, search) are linked from it.
Every KERN class on those pages is in the part of KERN's stylesheet the site serves."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from tests.demo import install_demo

pytestmark = pytest.mark.django_db

HOMES = ("/de/", "/en/")
# Routes that are not pages to read: downloads, feeds, actions and one-time links.
SKIPPED = ("/admin/", "/api/", "/documents/", "/static/", "/media/", "/attachments")
SKIPPED_ENDINGS = (".ics", ".xml", ".json", ".pdf", ".csv", ".svg", ".png", ".jpg")
LIMIT = 600
KERN_DIST = Path(settings.BASE_DIR) / "node_modules" / "@kern-ux" / "native" / "dist"
KERN_CSS = KERN_DIST / "kern.min.css"
SITE_KERN_CSS = Path(settings.BASE_DIR) / "build" / "kern" / "kern.site.min.css"


def internal_links(html: str) -> set[str]:
    links = set()
    for anchor in BeautifulSoup(html, "html.parser").find_all("a", href=True):
        href = urldefrag(anchor["href"])[0]
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not parts.path.startswith(("/de/", "/en/")):
            continue
        if parts.path.startswith(SKIPPED) or parts.path.endswith(SKIPPED_ENDINGS):
            continue
        if "sign-out" in parts.path or "abmelden" in parts.path:
            continue
        links.add(parts.path)  # filters and pages of a listing are the same page type
    return links


def crawl(client) -> dict[str, str]:
    """Path → HTML of every page answering 200 with HTML, breadth first from the homes."""
    pages: dict[str, str] = {}
    queue = list(HOMES)
    seen = set(queue)
    while queue and len(pages) < LIMIT:
        path = queue.pop(0)
        response = client.get(path)
        if response.status_code != 200 or "text/html" not in response["Content-Type"]:
            continue
        html = response.content.decode()
        pages[path] = html
        for link in sorted(internal_links(html) - seen):
            seen.add(link)
            queue.append(link)
    return pages


def frame_problems(path: str, html: str) -> list[str]:
    soup = BeautifulSoup(html, "html.parser")
    problems = []
    header = soup.find("header", class_="site-header")
    if header is None or header.find("form", attrs={"role": "search"}) is None:
        problems.append("no search form in the header")
    description = soup.find("meta", attrs={"name": "description"})
    if description is None or not description.get("content", "").strip():
        problems.append("no meta description")
    if soup.find("link", rel="canonical") is None:
        problems.append("no canonical link")
    if not soup.find_all("link", rel="alternate", hreflang=True):
        problems.append("no hreflang alternates")
    if path not in HOMES and soup.find("nav", class_="breadcrumbs") is None:
        problems.append("no breadcrumbs")
    return problems


def entry_points(language: str) -> set[str]:
    with translation.override(language):
        return {reverse("events:interest"), reverse("events:newsletter"),
                reverse("search:search")}


def kern_classes(css: str) -> set[str]:
    return set(re.findall(r"\.(kern-[\w-]+)", css))


def unstyled_kern_classes(pages: dict[str, str]) -> set[str]:
    """KERN classes on the pages that KERN styles but the site's stylesheet lost:
    tools/kern/build.mjs keeps the KERN rules whose classes it finds in the sources, and a
    class put together at run time must be in its safelist."""
    used = set()
    for html in pages.values():
        for element in BeautifulSoup(html, "html.parser").find_all(class_=True):
            used.update(name for name in element["class"] if name.startswith("kern-"))
    styled_by_kern = used & kern_classes(KERN_CSS.read_text(encoding="utf-8"))
    assert len(styled_by_kern) > 20
    return styled_by_kern - kern_classes(SITE_KERN_CSS.read_text(encoding="utf-8"))


def test_every_public_page_carries_the_site_frame_and_the_entry_points(client):
    if not SITE_KERN_CSS.exists():
        pytest.fail("build/kern/kern.site.min.css is missing: run `make npm`.")
    install_demo()
    crawled = crawl(client)

    assert len(crawled) > 100
    for expected in ("/de/loesungen/", "/en/events/", "/de/fragen/", "/de/peergruppen/"):
        assert expected in crawled
    problems = {path: found for path, html in crawled.items()
                if (found := frame_problems(path, html))}
    assert problems == {}
    # The expression of interest, the newsletter and the search are a link away everywhere.
    for language in ("de", "en"):
        assert entry_points(language) <= set(crawled)
    missing = {path: entry_points(path[1:3]) - internal_links(html)
               for path, html in crawled.items()}
    assert {path: links for path, links in missing.items() if links} == {}
    assert unstyled_kern_classes(crawled) == set()

