"""Fixtures the news tests share: a news index in German and English with a news
article and a press release (its PDF and press contact), both translated."""

import datetime

import pytest

from news.models import NewsKind
from tests.home.factories import ContactPersonFactory, publish, translate
from tests.news.factories import NewsArticlePageFactory, NewsIndexPageFactory, pdf_document
from tests.repository.factories import TopicFactory


@pytest.fixture
def newsroom(site):
    index = publish(NewsIndexPageFactory(parent=site.root_page))
    index_en = translate(index, "en", title="News", slug="news",
                         intro="News and press releases.")
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    article = NewsArticlePageFactory(
        parent=index, title="Offene Mobilitätsdaten", slug="mobilitaetsdaten",
        summary="Drei Modellprojekte teilen ihre Verkehrsdaten.",
        date=datetime.date(2026, 2, 10))
    article.topics.add(mobility)
    article.tags.add("Offene Daten")
    publish(article)
    press = NewsArticlePageFactory(
        parent=index, title="Pressemitteilung: Jahresbilanz", slug="jahresbilanz",
        kind=NewsKind.PRESS_RELEASE, summary="Die Modellprojekte ziehen Bilanz.",
        date=datetime.date(2026, 3, 2), document=pdf_document("Jahresbilanz"))
    press.contacts.add(ContactPersonFactory(name="Dr. Anna Berger", role="Pressesprecherin"))
    publish(press)
    article_en = translate(article, "en", title="Open mobility data", slug="mobility-data",
                           summary="Three model projects share their traffic data.")
    press_en = translate(press, "en", title="Press release: annual review",
                         slug="annual-review", summary="The model projects take stock.")
    return {"index": index, "index_en": index_en, "article": article, "press": press,
            "article_en": article_en, "press_en": press_en, "topic": mobility}
