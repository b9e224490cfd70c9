"""Editors find, filter and correct municipalities in the Wagtail admin."""

import pytest
from django.urls import reverse

from community.models import Municipality
from tests.community.factories import MunicipalityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def municipalities():
    MunicipalityFactory(name="Ulm", ags="08421000", size_class="grossstadt", population=127_000)
    MunicipalityFactory(name="Bamberg", ags="09461000", federal_state="09",
                        size_class="mittelstadt", population=79_000)
    MunicipalityFactory(name="Haßfurt", ags="09674147", federal_state="09",
                        size_class="kleinstadt", population=14_000)


LIST_URL = "/admin/snippets/community/municipality/"


def listed(client, query="") -> list[str]:
    response = client.get(f"{LIST_URL}{query}")
    assert response.status_code == 200
    html = response.content.decode()
    return [name for name in ("Bamberg", "Haßfurt", "Ulm") if f">{name}</span>" in html]


def test_the_list_shows_key_state_size_class_and_population(editor_client, municipalities):
    assert reverse("wagtailsnippets_community_municipality:list") == LIST_URL
    html = editor_client.get(LIST_URL, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    for text in ["09461000", "Bayern", "Medium-sized town (Mittelstadt)", "79000"]:
        assert text in html
    assert listed(editor_client) == ["Bamberg", "Haßfurt", "Ulm"]


def test_municipalities_have_their_own_menu_item(editor_client, municipalities):
    html = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Municipalities" in html
    assert LIST_URL in html


@pytest.mark.parametrize(("query", "expected"), [
    ("?q=Bamberg", ["Bamberg"]),
    ("?q=Ha", ["Haßfurt"]),
    ("?q=09674147", ["Haßfurt"]),
    ("?q=0967", ["Haßfurt"]),
    ("?federal_state=09", ["Bamberg", "Haßfurt"]),
    ("?size_class=grossstadt", ["Ulm"]),
    ("?federal_state=09&size_class=kleinstadt", ["Haßfurt"]),
    ("?q=Bamberg&federal_state=08", []),
])
def test_search_and_filters(editor_client, municipalities, query, expected):
    assert listed(editor_client, query) == expected


def test_editor_adds_a_municipality_and_the_size_class_is_derived(editor_client):
    response = editor_client.post(f"{LIST_URL}add/", {
        "name": "Gera", "ags": "16052000", "federal_state": "16", "kind": "municipality",
        "size_class": "", "population": "93000", "latitude": "50.88029",
        "longitude": "12.082932", "website": "https://www.gera.de",
    })
    assert response.status_code == 302
    assert Municipality.objects.get(ags="16052000").size_class == "mittelstadt"


def test_editor_sees_why_a_key_is_refused(editor_client):
    response = editor_client.post(f"{LIST_URL}add/", {
        "name": "Gera", "ags": "09052000", "federal_state": "16", "kind": "municipality",
        "population": "93000",
    }, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "must begin with the code of the federal state: 16 for Thüringen" in (
        response.content.decode()
    )
    assert not Municipality.objects.exists()
