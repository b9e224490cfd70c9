"""The news index and its articles in both languages: filters in the URL, a clear 400 for
values that do not exist, the press release's PDF and press contact, related pages only
when the public may see them, and query counts that do not grow with the news."""

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import PageViewRestriction

from tests.home.factories import publish
from tests.news.factories import NewsArticlePageFactory, add_articles
from tests.queries import warm_query_count

pytestmark = pytest.mark.django_db


def test_index_lists_the_news_newest_first_in_both_languages(client, newsroom):
    html = client.get("/de/aktuelles/").content.decode()
    assert "2 Ergebnisse" in html
    assert html.index("Pressemitteilung: Jahresbilanz") < html.index("Offene Mobilitätsdaten")
    english = client.get("/en/news/").content.decode()
    assert english.index("Press release: annual review") < english.index("Open mobility data")
    assert "Press release ·" in english and "Pressemitteilung ·" in html


def test_index_advertises_its_feeds_in_the_head(client, newsroom):
    html = client.get("/en/news/").content.decode()
    head = html.split("</head>")[0]
    assert ('<link rel="alternate" type="application/rss+xml" title="News (RSS)" '
            'href="/en/news/feed/rss/">') in head
    assert ('<link rel="alternate" type="application/atom+xml" title="News (Atom)" '
            'href="/en/news/feed/atom/">') in head


@pytest.mark.parametrize(("query", "found", "missing"), [
    ("kind=press_release", "Jahresbilanz", "Offene Mobilitätsdaten"),
    ("topic=mobilitaet", "Offene Mobilitätsdaten", "Jahresbilanz"),
    ("tag=offene-daten", "Offene Mobilitätsdaten", "Jahresbilanz"),
    ("year=2026&kind=news", "Offene Mobilitätsdaten", "Jahresbilanz"),
])
def test_index_filters_by_kind_topic_tag_and_year(client, newsroom, query, found, missing):
    response = client.get(f"/de/aktuelles/?{query}")
    assert response.status_code == 200
    results = response.content.decode().split('class="card-list"')[1]
    assert found in results and missing not in results


@pytest.mark.parametrize("query", ["kind=gossip", "year=1999", "topic=unbekannt", "sort=random"])
def test_unknown_filter_value_is_a_400_naming_the_allowed_values(client, newsroom, query):
    response = client.get(f"/de/aktuelles/?{query}")
    assert response.status_code == 400
    assert "erlaubte Werte sind" in response.content.decode()


def test_pagination_keeps_the_filters(client, newsroom):
    add_articles(newsroom["index"], 13)
    html = client.get("/de/aktuelles/?kind=news").content.decode()
    assert 'href="?kind=news&amp;page=2" rel="next"' in html
    assert "Seite 2 von 2" in client.get("/de/aktuelles/?kind=news&page=2").content.decode()


def test_press_release_offers_its_pdf_and_press_contact_in_both_languages(client, newsroom):
    html = client.get("/de/aktuelles/jahresbilanz/").content.decode()
    assert "Pressemitteilung zum Herunterladen" in html
    assert newsroom["press"].document.url in html and "PDF" in html
    assert "Pressekontakt" in html and "Dr. Anna Berger" in html
    english = client.get("/en/news/annual-review/").content.decode()
    assert "Press release to download" in english and "Press contact" in english
    assert '<html lang="en"' in english


def test_news_article_shows_topics_tags_and_no_download(client, newsroom):
    html = client.get("/de/aktuelles/mobilitaetsdaten/").content.decode()
    assert "Mobilität" in html
    assert 'href="/de/aktuelles/?tag=offene-daten">Offene Daten</a>' in html
    assert "zum Herunterladen" not in html and "Pressekontakt" not in html


def test_related_pages_show_only_what_the_public_may_see(client, newsroom, site):
    open_page = publish(NewsArticlePageFactory(parent=newsroom["index"], title="Offen"))
    closed = publish(NewsArticlePageFactory(parent=newsroom["index"], title="Intern"))
    PageViewRestriction.objects.create(page=closed, restriction_type="login")
    article = newsroom["article"]
    article.related_pages = [("page", open_page), ("page", closed)]
    article.save()
    publish(article)
    html = client.get("/de/aktuelles/mobilitaetsdaten/").content.decode()
    related = html.split('id="related-heading"')[1]
    assert "Offen" in related and "Intern" not in related


def test_restricted_article_is_not_listed_and_not_shown(client, newsroom):
    PageViewRestriction.objects.create(page=newsroom["press"], restriction_type="login")
    assert "Jahresbilanz" not in client.get("/de/aktuelles/").content.decode()
    response = client.get("/de/aktuelles/jahresbilanz/")
    assert response.status_code == 302
    assert response["Location"].startswith("/de/konto/anmelden/")


def test_a_press_release_needs_a_pdf(newsroom):
    press = newsroom["press"]
    press.document = None
    with pytest.raises(ValidationError, match="PDF"):
        press.full_clean()


# The frame and the facets' values come from the cache; a routable page is routed
# afresh (its page and its specific page), then one page of articles (the ordered ids
# and the facet counts of a choice of filters come from the cache).
INDEX_QUERIES = 3
# The press release (routed from the cache): its topics, press contacts, tags and PDF.
PRESS_RELEASE_QUERIES = 4
# An article with tags and related pages: its topics, contacts and tags, the index's
# address (for the tags' links), the chosen related pages and, in one query, their
# translations among what the public may see; the same for any number of them.
ARTICLE_QUERIES = 5


def test_index_query_count_is_the_same_for_3_and_40_articles(client, newsroom):
    add_articles(newsroom["index"], 1)
    few = warm_query_count(client, "/de/aktuelles/?kind=news")
    add_articles(newsroom["index"], 38)
    many = warm_query_count(client, "/de/aktuelles/?kind=news")
    assert few == many == INDEX_QUERIES


def test_article_query_counts(client, newsroom):
    assert warm_query_count(client, "/de/aktuelles/jahresbilanz/") == PRESS_RELEASE_QUERIES
    article = newsroom["article"]
    article.related_pages = [("page", page) for page in add_articles(newsroom["index"], 5)]
    article.save()
    publish(article)
    assert warm_query_count(client, "/de/aktuelles/mobilitaetsdaten/") == ARTICLE_QUERIES
