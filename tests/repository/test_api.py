"""The repository's list endpoints filter by the same facets as the listings."""

import pytest
from wagtail_factories import ImageFactory

from tests.community.factories import MunicipalityFactory
from tests.home.factories import publish
from tests.repository.factories import ModelProjectPageFactory, TopicFactory, add_solutions

pytestmark = pytest.mark.django_db


def titles(response):
    assert response.status_code == 200, response.content
    return sorted(item["title"] for item in response.json()["items"])


def test_solutions_endpoint_filters_by_maturity_and_federal_state(client, catalogue):
    add_solutions(catalogue["ulm"], 2, maturity="pilot")
    [bavarian] = add_solutions(catalogue["bamberg"], 1, maturity="pilot", title="Bamberger Lösung")
    assert titles(client.get("/api/v2/solutions/?maturity=pilot&federal_state=09")) == [
        bavarian.title
    ]


def test_solutions_endpoint_filters_by_topic_and_tag(client, catalogue):
    [tagged] = add_solutions(catalogue["ulm"], 1, title="Klimadaten")
    add_solutions(catalogue["ulm"], 2)
    tagged.topics.add(TopicFactory(name="Klimaanpassung", slug="klimaanpassung"))
    tagged.tags.add("Hitze")
    tagged.save()
    assert titles(client.get("/api/v2/solutions/?topic=klimaanpassung")) == ["Klimadaten"]
    assert titles(client.get("/api/v2/solutions/?tag=hitze")) == ["Klimadaten"]


def test_model_projects_endpoint_filters_by_phase(client, catalogue):
    assert titles(client.get("/api/v2/model-projects/?phase=1")) == ["Smart City Bamberg"]


@pytest.mark.parametrize(("query", "allowed"), [
    ("maturity=fertig", "idea, prototype, pilot, operation, transferred"),
    ("phase=4", "1, 2, 3"),
    ("federal_state=Bayern", "01, 02, 03"),
])
def test_bad_facet_values_answer_400_with_the_allowed_values(client, catalogue, query, allowed):
    response = client.get(f"/api/v2/solutions/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert allowed in response.json()["message"]


def test_solution_items_carry_topics_by_name_and_slug(client, catalogue):
    [solution] = add_solutions(catalogue["ulm"], 1)
    solution.topics.add(TopicFactory(name="Mobilität", slug="mobilitaet"))
    solution.save()
    item = client.get("/api/v2/solutions/").json()["items"][0]
    assert item["topics"] == [{"name": "Mobilität", "slug": "mobilitaet"}]
    assert item["maturity"] == "pilot"


@pytest.mark.parametrize("count", [5, 40])
def test_solutions_endpoint_query_count_is_fixed(client, catalogue, django_assert_num_queries,
                                                 count):
    add_solutions(catalogue["ulm"], count)
    client.get("/api/v2/solutions/?maturity=pilot")
    with django_assert_num_queries(SOLUTIONS_ENDPOINT_QUERIES):
        client.get("/api/v2/solutions/?maturity=pilot&limit=20")


# Count, the page of items with their pictures and projects (joined), and their topics
# (prefetched): never per item. The Site, locale, facet values and public pages come
# from the cache (home/content_cache.py, home/cached_restrictions.py).
SOLUTIONS_ENDPOINT_QUERIES = 3


def _with_picture_and_tags(page):
    page.image = ImageFactory()
    page.image_alt = "Ein Bild"
    page.tags.add("Sensorik", "Open Data")
    return publish(page)


@pytest.mark.parametrize("count", [1, 12])
def test_model_projects_endpoint_query_count_is_fixed(client, catalogue,
                                                      django_assert_num_queries, count):
    for number in range(count):
        _with_picture_and_tags(ModelProjectPageFactory(
            parent=catalogue["projects"],
            municipality=MunicipalityFactory(ags=f"08998{number:03d}")))
    url = "/api/v2/model-projects/?fields=*"
    client.get(url)
    # Count, the page of items with municipality and picture (joined), topics and tags.
    with django_assert_num_queries(MODEL_PROJECTS_ENDPOINT_QUERIES):
        items = client.get(url).json()["items"]
    assert len(items) == count + 2
    assert all(item["municipality"]["ags"] for item in items)


MODEL_PROJECTS_ENDPOINT_QUERIES = 4


@pytest.mark.parametrize("count", [1, 12])
def test_solution_detail_query_count_is_fixed(client, catalogue, django_assert_num_queries,
                                              count):
    solutions = [_with_picture_and_tags(solution)
                 for solution in add_solutions(catalogue["ulm"], count)]
    url = f"/api/v2/solutions/{solutions[0].pk}/"
    client.get(url)
    with django_assert_num_queries(SOLUTION_DETAIL_QUERIES):
        detail = client.get(url).json()
    assert detail["image"]["alt"] == "Ein Bild"
    assert sorted(tag["slug"] for tag in detail["tags"]) == ["open-data", "sensorik"]


# The solution with its picture and project (joined), its topics, its tags, its parent
# (meta) and its adoptions; at most the eight of issue 18.
SOLUTION_DETAIL_QUERIES = 6
