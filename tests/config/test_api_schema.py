"""The API contract: one generated OpenAPI 3.1 document for every route under /api/v2/,
its documentation page served locally, and bad input answered with a 4xx and a message
(never a 500): ids beyond the database's range, Unicode digits, bodies that are not
JSON objects."""

from __future__ import annotations

import json
import re

import pytest
import yaml
from django.urls import URLPattern, URLResolver, get_resolver
from openapi_spec_validator import validate

from community.models import PersonalToken
from tests.community.factories import make_user

pytestmark = pytest.mark.django_db

HUGE = str(2**63)


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker) -> dict:
    # django_db_setup: the test database must exist even when this module runs first.
    from django.test import Client

    with django_db_blocker.unblock():
        response = Client().get("/api/v2/schema/")
    assert response.status_code == 200
    return json.loads(response.content)


HTTP_METHODS = ("get", "post", "put", "patch", "delete")


def methods_of(callback) -> set[str]:
    """The methods a route answers (OPTIONS and HEAD aside): a viewset's actions, or an
    APIView's handlers."""
    actions = getattr(callback, "actions", None)
    if actions:
        return set(actions) & set(HTTP_METHODS)
    view = getattr(callback, "cls", None) or getattr(callback, "view_class", None)
    return {method for method in HTTP_METHODS if hasattr(view, method)}


def api_operations() -> dict[str, set[str]]:
    """Every route the URL resolver serves under /api/v2/, written as OpenAPI paths,
    with the methods it answers."""
    found: dict[str, set[str]] = {}

    def walk(patterns: list, prefix: str) -> None:
        for pattern in patterns:
            route = str(pattern.pattern).lstrip("^").rstrip("$").replace("\\Z", "")
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, prefix + route)
            elif isinstance(pattern, URLPattern):
                # A regular-expression route names its parameter in a group, which may nest one
                # group of its own (a certificate code).
                path = re.sub(r"\(\?P<(\w+)>(?:[^()]|\([^()]*\))*\)", r"{\1}", prefix + route)
                path = re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", path)
                found.setdefault(path, set()).update(methods_of(pattern.callback))

    walk(get_resolver().url_patterns, "/")
    return {route: methods for route, methods in found.items()
            if route.startswith("/api/v2/") and route not in {"/api/v2/schema/",
                                                              "/api/v2/docs/"}}


def api_routes() -> set[str]:
    return set(api_operations())


def test_the_schema_is_valid_openapi_3_1(schema):
    assert schema["openapi"] == "3.1.0"
    validate(schema)


def test_the_schema_lists_every_route_under_the_api(schema):
    routes = api_routes()
    assert len(routes) > 30
    # drf-spectacular names a primary key `id`, as clients know it.
    assert {route.replace("{pk}", "{id}") for route in routes} == set(schema["paths"])


def test_the_schema_lists_every_method_each_route_answers(schema):
    served = {route.replace("{pk}", "{id}"): methods
              for route, methods in api_operations().items()}
    described = {path: set(operations) & set(HTTP_METHODS)
                 for path, operations in schema["paths"].items()}
    assert served == described


def test_the_schema_also_comes_as_yaml(client, schema):
    response = client.get("/api/v2/schema/?format=yaml")
    assert response.status_code == 200
    assert yaml.safe_load(response.content)["paths"].keys() == schema["paths"].keys()


def test_ids_are_bounded_in_the_schema(schema):
    parameter = schema["paths"]["/api/v2/pages/{id}/"]["get"]["parameters"][0]
    assert parameter["schema"] == {"type": "integer", "minimum": 1,
                                   "maximum": 2**63 - 1}


def test_the_documentation_page_is_served_from_the_platform(client):
    page = client.get("/api/v2/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>" not in html  # CSP: the start script is a file of its own
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert sources and all(source.startswith("/") for source in sources), sources
    script = client.get(next(s for s in sources if "script" in s))
    assert script.status_code == 200 and b"/api/v2/schema/" in script.content


@pytest.mark.parametrize("url", [
    f"/api/v2/pages/{HUGE}/", f"/api/v2/images/{HUGE}/", f"/api/v2/documents/{HUGE}/",
    f"/api/v2/events/{HUGE}/", f"/api/v2/events/{HUGE}/registration/",
    f"/api/v2/event-series/{HUGE}/", f"/api/v2/threads/{HUGE}/",
    f"/api/v2/municipalities/{HUGE}/", f"/api/v2/topics/{'9' * 40}/",
])
def test_ids_beyond_the_database_range_are_not_found(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 404
    assert response.json()["message"] == "Nicht gefunden."


@pytest.mark.parametrize("query", ["?group=²", "?group=٣", f"?group={HUGE}", "?group=-1"])
def test_a_group_that_is_no_id_is_refused(client, query):
    response = client.get(f"/api/v2/threads/{query}")
    assert response.status_code == 400
    assert response.json()["message"]


BAD_BODIES = ["[]", "null", '"x"', "1e999", "NaN", '{"a": 1e999}', "{",
              '{"a": ' * 5000 + "1" + "}" * 5000, '{"contact_name": "\\ud800"}',
              '{"title": "a\\u0000b"}']


@pytest.mark.parametrize("body", BAD_BODIES)
def test_bodies_that_are_no_json_object_answer_400_on_interest(client, body):
    response = client.post("/api/v2/interest/", body, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert response.json()["message"]


@pytest.mark.parametrize("body", BAD_BODIES)
@pytest.mark.parametrize("path", ["/api/v2/threads/", "/api/v2/threads/1/posts/"])
def test_bodies_that_are_no_json_object_answer_400_on_threads(client, body, path):
    _token, raw = PersonalToken.issue(make_user("poster"), "Fuzz")
    response = client.post(path, body, content_type="application/json",
                           HTTP_AUTHORIZATION=f"Token {raw}", HTTP_ACCEPT_LANGUAGE="en")
    # The reply route may not find thread 1 first; it never fails with a 500.
    assert response.status_code in (400, 404)
    assert response.json()["message"]


@pytest.mark.parametrize("group", [2**63, 10**40, "7", 0, True, "٣"])
def test_a_group_in_a_new_thread_that_is_no_id_is_refused(client, group):
    _token, raw = PersonalToken.issue(make_user("poster"), "Fuzz")
    response = client.post("/api/v2/threads/", {"group": group, "title": "x", "body": "y"},
                           content_type="application/json", HTTP_AUTHORIZATION=f"Token {raw}")
    assert response.status_code == 400 and response.json()["errors"]["group"]
    assert response.json()["message"]


@pytest.mark.parametrize("path", ["/api/v2/interest/", "/api/v2/threads/", "/api/v2/pages/",
                                  "/api/v2/events/"])
def test_options_describes_the_endpoint_without_failing(client, path):
    response = client.options(path)
    assert response.status_code == 200
    assert response.json()["name"]


def test_nul_in_a_page_search_is_refused_with_a_message(client):
    response = client.get("/api/v2/pages/?search=a%00b", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["message"] == "Query parameters must not contain NUL characters."


def test_the_search_endpoints_are_described_with_every_filter(schema):
    from search.service import FACETS, MAX_PAGE_SIZE

    operation = schema["paths"]["/api/v2/search/"]["get"]
    parameters = {parameter["name"]: parameter["schema"] for parameter in
                  operation["parameters"]}
    assert {facet.name for facet in FACETS} <= set(parameters)
    assert parameters["page_size"]["maximum"] == MAX_PAGE_SIZE
    assert "/api/v2/search/suggest/" in schema["paths"]


@pytest.mark.parametrize("query", ["page_size=51", "page_size=0", "page=²", "page=-1",
                                   f"page={10**9 + 1}", "year=²"])
def test_search_numbers_outside_the_schema_are_refused(client, query):
    response = client.get(f"/api/v2/search/?{query}")
    assert response.status_code == 400 and response.json()["message"]


def test_the_hand_written_descriptions_are_gone():
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    assert not [path for path in ("events/openapi.py", "search/openapi.py",
                                  "community/openapi.py") if (root / path).exists()]
    assert not any("schema/" in route and route != "/api/v2/schema/" for route in api_routes())


@pytest.mark.parametrize("body, field", [
    ({"kind": ["consultation"]}, "kind"), ({"municipality": "1"}, "municipality"),
    ({"municipality": True}, "municipality"), ({"municipality": 2**63}, "municipality"),
    ({"topics": "energie"}, "topics"), ({"consent": "yes"}, "consent"),
    ({"contact_name": "x" * 201}, "contact_name"), ({"surprise": 1}, "surprise"),
])
def test_interest_fields_are_typed_and_bounded_by_the_serializer(client, body, field):
    response = client.post("/api/v2/interest/", body, content_type="application/json",
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["message"] and field in response.json()["errors"]


@pytest.mark.parametrize("query", ["page=abc", "page=0", "group=abc"])
def test_thread_parameters_are_checked(client, query):
    response = client.get(f"/api/v2/threads/?{query}")
    assert response.status_code == 400 and response.json()["errors"]


def test_find_redirects_to_the_host_and_port_that_was_asked(client, site, settings):
    settings.ALLOWED_HOSTS = ["platform.example"]
    response = client.get(f"/api/v2/pages/find/?id={site.root_page_id}",
                          HTTP_HOST="platform.example:8765")
    assert response.status_code == 302
    assert response["Location"] == f"/api/v2/pages/{site.root_page_id}/"
    followed = client.get(response["Location"], HTTP_HOST="platform.example:8765")
    assert followed.json()["id"] == site.root_page_id
