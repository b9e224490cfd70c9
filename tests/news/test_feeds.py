"""The news index's RSS and Atom feeds: well-formed XML of the expected kind, the latest
news of the index's language only, and nothing the public may not read (a restricted
article, a draft, an untranslated alias)."""

from xml.etree import ElementTree

import pytest
from wagtail.models import PageViewRestriction

from tests.home.factories import publish
from tests.news.factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def rss(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def atom(client, url: str) -> ElementTree.Element:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ElementTree.fromstring(response.content)
    assert root.tag == f"{ATOM}feed"
    return root


def test_rss_feed_holds_the_german_news_newest_first(client, newsroom):
    channel = rss(client, "/de/aktuelles/feed/rss/")
    assert channel.findtext("language") == "de"
    assert channel.findtext("title") == "Aktuelles"
    assert channel.findtext("link") == "http://testserver/de/aktuelles/"
    items = channel.findall("item")
    assert [item.findtext("title") for item in items] == [
        "Pressemitteilung: Pressemitteilung: Jahresbilanz",
        "Meldung: Offene Mobilitätsdaten"]
    assert items[0].findtext("link") == "http://testserver/de/aktuelles/jahresbilanz/"
    assert items[0].findtext("pubDate").startswith("Mon, 02 Mar 2026 00:00:00")
    assert [c.text for c in items[1].findall("category")] == ["Mobilität"]


def test_atom_feed_holds_the_english_news(client, newsroom):
    feed = atom(client, "/en/news/feed/atom/")
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.findtext(f"{ATOM}title") for entry in entries] == [
        "Press release: Press release: annual review", "News: Open mobility data"]
    assert entries[1].find(f"{ATOM}link").get("href") == "http://testserver/en/news/mobility-data/"
    assert feed.find(f"{ATOM}author").findtext(f"{ATOM}name")
    assert feed.findtext(f"{ATOM}id") and feed.findtext(f"{ATOM}updated")


def test_feeds_leave_out_restricted_draft_and_untranslated_news(client, newsroom):
    for press in (newsroom["press"], newsroom["press_en"]):
        PageViewRestriction.objects.create(page=press, restriction_type="login")
    NewsArticlePageFactory(parent=newsroom["index"], title="Entwurf", live=False)
    publish(NewsArticlePageFactory(parent=newsroom["index"], title="Nur auf Deutsch"))
    german = [item.findtext("title") for item in
              rss(client, "/de/aktuelles/feed/rss/").findall("item")]
    assert german == ["Meldung: Nur auf Deutsch", "Meldung: Offene Mobilitätsdaten"]
    english = [entry.findtext(f"{ATOM}title") for entry in
               atom(client, "/en/news/feed/atom/").findall(f"{ATOM}entry")]
    # The German article's English alias holds German text: not in the English feed.
    assert english == ["News: Open mobility data"]
    assert "Jahresbilanz" not in client.get("/en/news/feed/rss/").content.decode()


def test_feed_of_a_restricted_index_is_not_served_to_the_public(client, newsroom):
    PageViewRestriction.objects.create(page=newsroom["index"], restriction_type="login")
    assert client.get("/de/aktuelles/feed/rss/").status_code == 302
    assert client.get("/de/aktuelles/feed/atom/").status_code == 302


def test_a_published_article_is_in_the_feed_at_once(client, newsroom):
    assert "Neu erschienen" not in client.get("/de/aktuelles/feed/rss/").content.decode()
    publish(NewsArticlePageFactory(parent=newsroom["index"], title="Neu erschienen"))
    assert "Meldung: Neu erschienen" in client.get("/de/aktuelles/feed/rss/").content.decode()
    assert "Neu erschienen" in client.get("/de/aktuelles/").content.decode()
