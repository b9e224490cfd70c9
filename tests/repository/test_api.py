"""The repository's list endpoints filter by the same facets as the listings."""

import pytest

from tests.repository.factories import TopicFactory, add_solutions

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


# Facet values, count, the page of items, their specific rows and their topics
# (prefetched): never per item. The Site and locale come from the cache, the public
# pages are worked out once per request (config/api.py).
SOLUTIONS_ENDPOINT_QUERIES = 8
