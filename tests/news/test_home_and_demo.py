"""The latest news on the home page (a slot of its featured content), fresh as soon as
an article is published, in a fixed number of queries; and the demo's news in German and
English."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from home.models import HomePage
from news.models import NewsArticlePage, NewsKind
from tests.demo import install_demo
from tests.home.factories import publish
from tests.news.factories import NewsArticlePageFactory, add_articles

pytestmark = pytest.mark.django_db


@pytest.fixture
def home(site, newsroom):
    for language, heading in (("de", "Aktuelles"), ("en", "Latest news")):
        page = HomePage.objects.get(locale__language_code=language)
        page.featured = json.dumps([{"type": "slot", "value": {
            "heading": heading, "slot": "latest_news", "limit": 3}}])
        publish(page)
    return newsroom


def section(html: str, heading: str) -> str:
    return html.split(f">{heading}</h2>")[1].split("</section>")[0]


def test_home_page_shows_the_latest_three_news_in_each_language(client, home):
    add_articles(home["index"], 2, date=datetime.date(2026, 1, 5))
    german = section(client.get("/de/").content.decode(), "Aktuelles")
    assert german.index("Pressemitteilung: Jahresbilanz") < german.index("Offene Mobilitätsdaten")
    assert german.count('class="card__title"') == 3 or german.count("<h3") == 3
    assert "Pressemitteilung · 2. März 2026" in german
    english = section(client.get("/en/").content.decode(), "Latest news")
    assert "Press release: annual review" in english and "Open mobility data" in english


def test_a_published_article_appears_on_the_home_page_at_once(client, home):
    client.get("/de/")
    assert "Neu im März" not in client.get("/de/").content.decode()
    publish(NewsArticlePageFactory(parent=home["index"], title="Neu im März",
                                   date=datetime.date(2026, 3, 20)))
    assert "Neu im März" in section(client.get("/de/").content.decode(), "Aktuelles")


def test_home_news_slot_queries_do_not_grow_with_the_news(client, home):
    def queries() -> int:
        """The slot's queries once the site's cached parts (view restrictions, sites)
        are warm again after the change."""
        page = HomePage.objects.get(locale__language_code="de")
        page._featured_sections(None)
        with CaptureQueriesContext(connection) as captured:
            page._featured_sections(None)
        return len(captured)

    few = queries()
    add_articles(home["index"], 10)
    # One query for the articles (with pictures, one more for all their renditions).
    assert queries() == few == 1


def test_demo_has_news_and_a_press_release_in_german_and_english(client, db):
    install_demo()
    german = NewsArticlePage.objects.filter(locale__language_code="de", alias_of__isnull=True)
    english = NewsArticlePage.objects.filter(locale__language_code="en", alias_of__isnull=True)
    assert german.count() == english.count() == 3
    press = english.get(kind=NewsKind.PRESS_RELEASE)
    assert press.document.title == "Press release: 73 model projects take stock"
    assert [person.name for person in press.localized_contacts()] == ["Dr. Anna Berger"]
    html = client.get(press.url).content.decode()
    assert "Press contact" in html and "Head of office" in html and ".pdf" in html
    assert "Aktuelles aus der Koordinierungsstelle" in client.get("/de/").content.decode()
    index = client.get("/en/news/").content.decode()
    assert "3 results" in index and "Sharing mobility data openly" in index
    assert client.get("/en/news/feed/rss/").content.count(b"<item>") == 3
    german_press = german.get(kind=NewsKind.PRESS_RELEASE)
    assert german_press.document.title.startswith("Pressemitteilung:")
