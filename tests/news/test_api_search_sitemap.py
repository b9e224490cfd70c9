"""The news in the API (list, detail, filters, the schema), in search and in the sitemap,
in both languages; a restricted article is in none of them."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests.news.factories import add_articles
from tests.search.indexing import index_now

pytestmark = pytest.mark.django_db


def api(client, url: str, status: int = 200) -> dict:
    response = client.get(url)
    assert response.status_code == status, response.content
    return response.json()


def titles(answer: dict) -> list[str]:
    return [item["title"] for item in answer["items"]]


def test_api_lists_the_news_of_a_language_with_their_date_and_kind(client, newsroom):
    answer = api(client, "/api/v2/news/?locale=en&order=-date")
    assert titles(answer) == ["Press release: annual review", "Open mobility data"]
    first = answer["items"][0]
    assert first["date"] == "2026-03-02" and first["kind"] == "press_release"
    assert first["meta"]["html_url"] == "http://testserver/en/news/annual-review/"


def test_api_filters_like_the_index_and_refuses_unknown_values(client, newsroom):
    assert titles(api(client, "/api/v2/news/?kind=news&locale=de")) == ["Offene Mobilitätsdaten"]
    assert titles(api(client, "/api/v2/news/?topic=mobilitaet&year=2026&locale=de")) == [
        "Offene Mobilitätsdaten"]
    refused = api(client, "/api/v2/news/?kind=gossip", status=400)
    assert "news, press_release" in json.dumps(refused)
    assert api(client, "/api/v2/news/?year=1999", status=400)["message"]


def test_api_detail_of_a_press_release_has_its_pdf_and_press_contact(client, newsroom):
    detail = api(client, f"/api/v2/news/{newsroom['press_en'].pk}/")
    assert detail["document_facts"]["kind"] == "PDF"
    assert detail["document_facts"]["url"].endswith(".pdf")
    assert detail["press_contacts"][0]["name"] == "Dr. Anna Berger"
    assert detail["summary"] == "The model projects take stock."
    assert detail["related_content"] == []


def test_restricted_article_is_absent_from_api_search_and_sitemap(client, newsroom, settings):
    settings.SEARCH_BACKEND = "database"
    PageViewRestriction.objects.create(page=newsroom["press"], restriction_type="login")
    index_now()
    assert titles(api(client, "/api/v2/news/?locale=de")) == ["Offene Mobilitätsdaten"]
    api(client, f"/api/v2/news/{newsroom['press'].pk}/", status=404)
    assert "/de/aktuelles/jahresbilanz/" not in client.get(
        "/de/suche/?q=Jahresbilanz").content.decode()
    assert "/de/aktuelles/mobilitaetsdaten/" in client.get(
        "/de/suche/?q=Mobilitätsdaten").content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/de/aktuelles/mobilitaetsdaten/" in sitemap
    assert "/en/news/annual-review/" in sitemap
    assert "/de/aktuelles/jahresbilanz/" not in sitemap


def test_news_are_found_in_both_languages_with_their_content_type(client, newsroom, settings):
    settings.SEARCH_BACKEND = "database"
    index_now()
    answer = api(client, "/api/v2/search/?q=annual+review&language=en")
    hit = next(item for item in answer["items"] if item["title"].startswith("Press release"))
    assert hit["url"].endswith("/en/news/annual-review/")
    german = client.get("/de/suche/?q=Jahresbilanz").content.decode()
    assert 'href="/de/aktuelles/jahresbilanz/"' in german


def test_schema_describes_the_news_endpoint(client, db):
    schema = api(client, "/api/v2/schema/")
    listing = schema["paths"]["/api/v2/news/"]["get"]
    names = {parameter["name"] for parameter in listing["parameters"]}
    assert {"kind", "topic", "tag", "year", "locale"} <= names
    assert "/api/v2/news/{id}/" in schema["paths"]


LISTING = "/api/v2/news/?fields=image,tags,document_facts,press_contacts&limit=50"
# The count, the page of articles with their locale, image and PDF, their topics, tags
# and press contacts, then the topics and contacts in the listing's language, once.
API_LISTING_QUERIES = 7
# The article with its locale, image and PDF, its topics, its parent (Wagtail's meta)
# and whether the public may see it, its contacts and tags, the chosen related pages,
# and in one query their translations among what the public may see.
API_DETAIL_QUERIES = 8


def count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_api_listing_query_count_is_the_same_for_3_and_30_articles(client, newsroom):
    add_articles(newsroom["index"], 1)
    few = count(client, LISTING)
    add_articles(newsroom["index"], 27)
    assert count(client, LISTING) == few == API_LISTING_QUERIES


def test_api_detail_query_count(client, newsroom):
    article = newsroom["article"]
    article.related_pages = [("page", page) for page in add_articles(newsroom["index"], 4)]
    article.save()
    article.save_revision().publish()
    detail = f"/api/v2/news/{article.pk}/"
    assert len(api(client, detail)["related_content"]) == 4
    assert count(client, detail) == API_DETAIL_QUERIES
