"""The municipality picker's search over the full list of about 11,000 municipalities."""

from __future__ import annotations

import time

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import FederalState, MemberProfile, Municipality
from community.models.municipalities import fold_name
from community.municipality_search import find_municipalities
from tests.community.factories import generated_municipalities, unsaved_municipality

pytestmark = pytest.mark.django_db

# The server's share of a key press, measured on the test machine with its worst of
# several runs; the benchmark prints the figures (tests/bench/bench_municipality_search.py).
BUDGET_MS = 50


@pytest.fixture
def germany(db):
    Municipality.objects.bulk_create(generated_municipalities(11_000))
    Municipality.objects.bulk_create([
        unsaved_municipality(name="Haßfurt", ags="09674147", federal_state=FederalState.BAYERN,
                     population=13_500),
        unsaved_municipality(name="Frankfurt (Oder)", ags="12053000",
                     federal_state=FederalState.BRANDENBURG, population=57_000),
        unsaved_municipality(name="Frankfurt am Main", ags="06412000",
                     federal_state=FederalState.HESSEN, population=770_000),
        unsaved_municipality(name="Hasselroth", ags="06435012", federal_state=FederalState.HESSEN,
                     population=7_300),
    ])
    assert Municipality.objects.count() == 11_004


def names(query):
    return [m.name for m in find_municipalities(query)]


def test_typing_finds_the_municipality_among_eleven_thousand(germany):
    assert "Haßfurt" in names("hass")
    assert names("haß")[:2] == names("hass")[:2]
    assert names("frankfurt o") == ["Frankfurt (Oder)"]
    assert names("Frankfurt")[:2] == ["Frankfurt am Main", "Frankfurt (Oder)"]
    assert names("oder") == ["Frankfurt (Oder)"]
    assert names("") == [] and names("   ") == []
    assert fold_name("Frankfurt (Oder)") == " frankfurt oder"
    # Saved one by one (the import, the admin): the search name follows the name.
    renamed = Municipality.objects.get(name="Hasselroth")
    renamed.name = "Übach-Palenberg"
    renamed.save()
    assert names("ubach pal") == ["Übach-Palenberg"]


def test_a_search_takes_one_query_and_less_than_fifty_milliseconds(germany):
    for query in ("hass", "frankfurt o"):
        list(find_municipalities(query))  # warm the connection and the plan
        timings = []
        for _ in range(5):
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                found = list(find_municipalities(query))
                timings.append((time.perf_counter() - started) * 1000)
            assert len(queries) == 1 and found
        print(f"{connection.vendor} {query!r}: best {min(timings):.1f} ms, "
              f"worst {max(timings):.1f} ms over 11,004 municipalities")
        assert sorted(timings)[len(timings) // 2] < BUDGET_MS


def test_the_picker_asks_the_server_for_suggestions(client, germany):
    response = client.get("/de/kommunen/suche/", {"q": "frankfurt o"})
    assert response.status_code == 200
    assert [r["label"] for r in response.json()["results"]] == [
        "Frankfurt (Oder) (Brandenburg)"]
    too_long = client.get("/en/municipalities/search/", {"q": "x" * 101})
    assert too_long.status_code == 400
    assert too_long.json()["message"] == "Type at most 100 characters."


def test_without_javascript_the_picker_takes_a_search_step(client, site, germany):
    data = {"display_name": "Anna Berger", "email": "anna@hassfurt.example",
            "password1": "Sichere-Passphrase-2026", "password2": "Sichere-Passphrase-2026",
            "organisation_kind": "municipality", "consent": "on",
            "municipality_query": "hass", "municipality_find": "1"}
    page = client.post("/de/konto/registrieren/", data)
    html = page.content.decode()
    assert page.status_code == 400  # the form comes back, as with any field to correct
    assert "Wählen Sie Ihre Kommune unten aus den Treffern." in html
    hassfurt = Municipality.objects.get(name="Haßfurt")
    assert f'type="radio" name="municipality" id="id_municipality_1" value="{hassfurt.pk}"' \
        in html
    assert "Haßfurt (Bayern)" in html and 'value="hass"' in html

    # The radio chosen, the form sent again: the account has its municipality.
    done = client.post("/de/konto/registrieren/", {**data, "municipality": hassfurt.pk})
    assert done.status_code == 200 and "anna@hassfurt.example" in done.content.decode()
    profile = MemberProfile.objects.get(user__email="anna@hassfurt.example")
    assert profile.municipality == hassfurt

    nothing = client.post("/en/account/sign-up/", {**data, "municipality_query": "xyzzy"})
    assert "No municipality in the list matches “xyzzy”." in nothing.content.decode()
