"""/api/v2/municipalities/: read only, filterable, searchable, with a fixed query count."""

import pytest

from tests.community.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db

URL = "/api/v2/municipalities/"


@pytest.fixture
def municipalities():
    return {
        "ulm": MunicipalityFactory(
            name="Ulm", ags="08421000", federal_state="08", size_class="grossstadt",
            population=127_000, latitude="48.401082", longitude="9.987608",
            website="https://www.ulm.de",
        ),
        "hassfurt": MunicipalityFactory(
            name="Haßfurt", ags="09674147", federal_state="09", size_class="kleinstadt",
            population=14_000, latitude="50.035278", longitude="10.512222",
            website="https://www.hassfurt.de",
        ),
        "wunsiedel": MunicipalityFactory(
            name="Landkreis Wunsiedel i. Fichtelgebirge", ags="09479000", federal_state="09",
            kind="district", size_class="landkreis", population=71_000,
            latitude=None, longitude=None, website="",
        ),
    }


def names(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


def test_listing_shows_every_field_with_the_state_name(client, municipalities):
    response = client.get(URL)
    data = response.json()
    assert data["meta"]["total_count"] == 3
    ulm = next(item for item in data["items"] if item["ags"] == "08421000")
    assert ulm == {
        "id": municipalities["ulm"].id,
        "meta": {"type": "community.Municipality",
                 "detail_url": f"http://testserver{URL}{municipalities['ulm'].id}/"},
        "name": "Ulm",
        "ags": "08421000",
        "federal_state": "08",
        "federal_state_name": "Baden-Württemberg",
        "kind": "municipality",
        "size_class": "grossstadt",
        "population": 127_000,
        "latitude": 48.401082,
        "longitude": 9.987608,
        "website": "https://www.ulm.de",
    }


def test_listing_is_ordered_by_name(client, municipalities):
    assert names(client.get(URL)) == ["Haßfurt", "Landkreis Wunsiedel i. Fichtelgebirge", "Ulm"]


def test_order_by_population(client, municipalities):
    assert names(client.get(f"{URL}?order=-population")) == [
        "Ulm", "Landkreis Wunsiedel i. Fichtelgebirge", "Haßfurt",
    ]


def test_detail_of_a_district_without_location(client, municipalities):
    wunsiedel = municipalities["wunsiedel"]
    data = client.get(f"{URL}{wunsiedel.id}/").json()
    assert data["kind"] == "district"
    assert data["federal_state_name"] == "Bayern"
    assert (data["latitude"], data["longitude"], data["website"]) == (None, None, "")


@pytest.mark.parametrize(("query", "expected"), [
    ("federal_state=09", ["Haßfurt", "Landkreis Wunsiedel i. Fichtelgebirge"]),
    ("size_class=kleinstadt", ["Haßfurt"]),
    ("kind=district", ["Landkreis Wunsiedel i. Fichtelgebirge"]),
    ("federal_state=09&kind=municipality", ["Haßfurt"]),
    ("ags=08421000", ["Ulm"]),
    ("federal_state=16", []),
])
def test_filters(client, municipalities, query, expected):
    assert names(client.get(f"{URL}?{query}")) == expected


@pytest.mark.parametrize("query", [
    "search=Ulm", "search=08421000", "search=ulm&federal_state=08", "search=Ulm&order=name",
])
def test_search_by_name_or_key(client, municipalities, query):
    assert names(client.get(f"{URL}?{query}")) == ["Ulm"]


@pytest.mark.parametrize(("query", "detail"), [
    ("federal_state=8",
     "federal_state must be one of: 01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 12, 13, 14, "
     "15, 16"),
    ("federal_state=Bayern",
     "federal_state must be one of: 01, 02, 03, 04, 05, 06, 07, 08, 09, 10, 11, 12, 13, 14, "
     "15, 16"),
    ("size_class=metropole",
     "size_class must be one of: landgemeinde, kleinstadt, mittelstadt, grossstadt, "
     "landkreis, interkommunal"),
    ("kind=city", "kind must be one of: municipality, district, association"),
])
def test_unknown_choice_is_a_400_naming_the_allowed_values(client, municipalities, query,
                                                           detail):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response.json()["detail"] == detail
    assert response.json()["message"]


@pytest.mark.parametrize(("query", "message"), [
    ("population=many", "population must be a positive whole number."),
    ("population=99999999999999999999", "population must be a positive whole number."),
    ("latitude=abc", "Unknown query parameter: latitude."),
    ("order=longitude", "Cannot sort by “longitude”: there is no such field."),
])
def test_unusable_filters_are_a_400_not_a_500(client, municipalities, query, message):
    response = client.get(f"{URL}?{query}", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["message"] == message


def test_find_by_key_leads_to_the_municipality(client, municipalities):
    response = client.get(f"{URL}find/?ags=09674147", follow=True)
    assert response.status_code == 200
    assert response.json()["name"] == "Haßfurt"
    assert client.get(f"{URL}find/?ags=99999999").status_code == 404


def test_unknown_municipality_is_a_json_404(client, municipalities):
    response = client.get(f"{URL}999999/")
    assert response.status_code == 404
    assert response.json()["message"]


def test_endpoint_is_read_only(client, municipalities):
    assert client.post(URL, {"name": "Neustadt"}).status_code == 405


@pytest.mark.parametrize("count", [5, 50])
def test_listing_query_count_does_not_grow_with_the_municipalities(
    client, django_assert_num_queries, count,
):
    MunicipalityFactory.create_batch(count)
    with django_assert_num_queries(3):  # the count, the page, the served Site (once)
        response = client.get(f"{URL}?limit={count}")
    assert len(response.json()["items"]) == count
