from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Locale

from repository.models import Topic
from tests.repository.factories import TopicFactory, english_topic

pytestmark = pytest.mark.django_db


def test_topic_slug_is_unique_within_a_language():
    TopicFactory(slug="mobilitaet")
    with pytest.raises(ValidationError):
        TopicFactory.build(slug="mobilitaet", name="Noch einmal").full_clean()


def test_topic_colour_must_be_a_hex_colour():
    with pytest.raises(ValidationError) as refused:
        TopicFactory.build(colour="blue").full_clean()
    assert refused.value.message_dict["colour"] == [
        "Geben Sie eine Farbe als # gefolgt von sechs Hexadezimalziffern ein."
    ]


def test_translated_topic_keeps_its_slug():
    topic = TopicFactory(slug="energie", name="Energie")
    assert english_topic(topic, "Energy").slug == "energie"


def test_topics_endpoint_lists_german_topics_by_default(client):
    english_topic(TopicFactory(name="Mobilität", slug="mobilitaet"), "Mobility")
    items = client.get("/api/v2/topics/").json()["items"]
    assert [(item["name"], item["slug"]) for item in items] == [("Mobilität", "mobilitaet")]


def test_topics_endpoint_speaks_english_on_request(client):
    english_topic(TopicFactory(name="Mobilität", slug="mobilitaet"), "Mobility")
    items = client.get("/api/v2/topics/?locale=en").json()["items"]
    assert [(item["name"], item["slug"]) for item in items] == [("Mobility", "mobilitaet")]


def test_topics_endpoint_filters_by_slug(client):
    TopicFactory(name="Energie", slug="energie")
    TopicFactory(name="Bildung", slug="bildung")
    items = client.get("/api/v2/topics/?slug=bildung").json()["items"]
    assert [item["name"] for item in items] == ["Bildung"]


def test_unknown_language_is_a_400(client):
    response = client.get("/api/v2/topics/?locale=fr", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "de, en" in response.json()["message"]


@pytest.mark.parametrize("count", [3, 30])
def test_topics_listing_query_count_is_fixed(client, django_assert_num_queries, count):
    TopicFactory.create_batch(count)
    # The count, the page, and the served Site once for every item's detail_url.
    with django_assert_num_queries(3):
        assert len(client.get("/api/v2/topics/?limit=50").json()["items"]) == count


def test_editors_manage_and_translate_topics_in_the_admin(client):
    user = get_user_model().objects.create_superuser("redaktion", "r@kts.example", "pw")
    client.force_login(user)
    topic = TopicFactory(name="Gesundheit", slug="gesundheit")
    listing = client.get(reverse("wagtailsnippets_repository_topic:list"))
    assert "Gesundheit" in listing.content.decode()
    english = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_snippet_translation",
                  args=("repository", "topic", topic.pk))
    response = client.post(url, {"locales": [english.id]})
    assert response.status_code == 302
    assert Topic.objects.filter(translation_key=topic.translation_key, locale=english).exists()


def test_demo_topics_exist_in_both_languages_and_load_once():
    call_command("load_demo", "repository", stdout=StringIO())
    call_command("load_demo", "repository", stdout=StringIO())
    german = Topic.objects.filter(locale__language_code="de")
    english = Topic.objects.filter(locale__language_code="en")
    assert german.count() == english.count() == 10
    assert set(german.values_list("slug", flat=True)) == set(english.values_list("slug", flat=True))
    assert english.get(slug="klimaanpassung").name == "Climate adaptation"
