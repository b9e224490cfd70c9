"""The news index, a news article and a press release of the demo in Chromium: at 1366,
390 and 320 px nothing scrolls sideways, axe finds nothing at 1366 and 390 px, the Nu
HTML Checker finds no error; the filters and the feed links work from the keyboard.
Screenshots of each at 1366 and 390 px go to ``NEWS_SCREENSHOTS`` when it is set."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from tests.demo import install_demo
from tests.e2e.accessibility import VNU, assert_accessible, nu_errors

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = {
    "news index": "/de/aktuelles/",
    "news index (en), filtered": "/en/news/?kind=news",
    "news article": "/de/aktuelles/mobilitaetsdaten-offen/",
    "press release": "/de/aktuelles/pressemitteilung-jahresbilanz/",
    "press release (en)": "/en/news/press-release-annual-review/",
}


@pytest.fixture
def news_server(live_server) -> str:
    install_demo("home", "community", "repository", "news")
    return live_server.url


def test_news_pages_pass_axe_and_the_nu_html_checker(browser_page, news_server, tmp_path):
    if not VNU.exists() or not shutil.which("java"):
        pytest.fail("vnu-jar or Java missing: run `make test` (npm ci) on a machine with Java")
    page = browser_page
    shots = os.environ.get("NEWS_SCREENSHOTS")
    documents: dict[str, str] = {}
    for width in (1366, 390, 320):
        page.set_viewport_size({"width": width, "height": 900})
        for name, path in PAGES.items():
            response = page.goto(f"{news_server}{path}")
            assert response is not None and response.status == 200, (name, path)
            overflow = page.evaluate(
                "document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name} scrolls sideways at {width} px"
            if width == 320:
                continue
            assert_accessible(page)
            if width == 1366:
                documents[name] = response.text()
            if shots:
                Path(shots).mkdir(parents=True, exist_ok=True)
                page.screenshot(path=f"{shots}/{name.replace(' ', '-')}-{width}.png",
                                full_page=True)
    assert nu_errors(documents, tmp_path) == {}


def test_a_reader_filters_the_news_and_finds_the_feed(browser_page, news_server):
    page = browser_page
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(f"{news_server}/de/aktuelles/")
    page.get_by_role("checkbox", name="Pressemitteilung").check()
    page.get_by_role("button", name="Filter anwenden").press("Enter")
    page.wait_for_url("**/de/aktuelles/?*kind=press_release*")
    results = page.locator(".card-list .card__title")
    assert results.all_inner_texts() == ["Pressemitteilung: 73 Modellprojekte ziehen Bilanz"]
    feeds = page.locator('link[rel="alternate"][type="application/rss+xml"]')
    assert feeds.get_attribute("href") == "/de/aktuelles/feed/rss/"
    answer = page.request.get(f"{news_server}/de/aktuelles/feed/atom/")
    assert answer.ok and b"<entry>" in answer.body()
