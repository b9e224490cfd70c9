"""/api/v2/reporting-rounds/ (public), /api/v2/reports/ (the project's team and the
reviewers only: anyone else gets an empty list and a 404), /api/v2/indicators/."""

from __future__ import annotations

import pytest

from community.models import PersonalToken
from repository.models import ReportingRound
from tests.community.factories import as_user
from tests.queries import warm_query_count
from tests.repository.reporting_helpers import report_form_data

pytestmark = pytest.mark.django_db


def test_rounds_are_public_with_title_dates_and_status(client, reporting):
    body = client.get("/api/v2/reporting-rounds/").json()
    assert body["meta"]["total_count"] == 1
    item = body["items"][0]
    assert item["title"] == "Bericht 2026-1" and item["status"] == "open"
    assert item["due_on"] == reporting["round"].due_on.isoformat()
    detail = client.get(f"/api/v2/reporting-rounds/{reporting['round'].pk}/").json()
    assert detail["questions"] == "Was hat Sie überrascht?"


def test_a_team_reads_its_own_report_with_every_answer(client, reporting):
    as_user(client, reporting["helper"]).post(f"/de/berichte/{reporting['report'].pk}/",
                                              report_form_data(reporting))
    listing = client.get("/api/v2/reports/").json()
    assert [item["project"]["title"] for item in listing["items"]] == ["Smart City Bamberg"]
    detail = client.get(f"/api/v2/reports/{reporting['report'].pk}/").json()
    assert detail["status"] == "draft"
    assert detail["questions"] == [{"question": "Was hat Sie überrascht?",
                                    "answer": "Wie schnell die Nutzung stieg."}]
    parking = next(answer for answer in detail["solutions"]
                   if answer["solution"]["title"] == "Parken in Echtzeit")
    assert parking["maturity"] == "operation" and parking["maturity_step"] == "P4"
    assert parking["costs_so_far"] == 120000.5
    assert parking["indicators"] == [{"indicator": reporting["indicator"].pk,
                                      "name": "Nutzende pro Monat", "unit": "Personen",
                                      "value": 4200.0}]
    assert client.get(f"/api/v2/reports/{reporting['ulm_report'].pk}/").status_code == 404


@pytest.mark.parametrize("who", [None, "plain", "ulmlead"])
def test_outsiders_find_no_report_of_another_project(client, reporting, who):
    as_user(client, reporting[who] if who else None)
    listing = client.get("/api/v2/reports/").json()
    assert "Smart City Bamberg" not in str(listing)
    assert listing["meta"]["total_count"] == (1 if who == "ulmlead" else 0)
    assert client.get(f"/api/v2/reports/{reporting['report'].pk}/").status_code == 404


def test_reviewers_read_every_report_with_a_personal_token(client, reporting):
    _token, secret = PersonalToken.issue(reporting["editor"], "Auswertung")
    body = client.get("/api/v2/reports/?round=" + str(reporting["round"].pk),
                      HTTP_AUTHORIZATION=f"Token {secret}").json()
    assert body["meta"]["total_count"] == 2
    assert client.get("/api/v2/reports/?round=x").status_code == 400
    assert client.get("/api/v2/reports/?status=lost").status_code == 400


def test_indicators_in_both_languages(client, reporting):
    german = client.get("/api/v2/indicators/").json()["items"]
    assert [item["name"] for item in german] == ["Eingesparte Suchfahrten",
                                                 "Nutzende pro Monat"]
    assert german[1]["target"] == 5000.0 and german[1]["topic"]["slug"] == "mobilitaet"
    english = client.get("/api/v2/indicators/?locale=en&topic=mobilitaet").json()["items"]
    assert [(item["name"], item["unit"]) for item in english] == [("Users per month",
                                                                    "people")]
    assert english[0]["topic"] == {"name": "Mobility", "slug": "mobilitaet"}


def test_the_list_of_reports_has_a_fixed_number_of_queries(client, reporting):
    as_user(client, reporting["helper"]).post(f"/de/berichte/{reporting['report'].pk}/",
                                              report_form_data(reporting))
    as_user(client, reporting["editor"])
    url = "/api/v2/reports/?fields=solutions"
    # Session, user, their rights (2), count, reports, answers, indicator values.
    assert warm_query_count(client, url) == 8
    ReportingRound.objects.create(title="Bericht 2026-2", opens_on=reporting["round"].opens_on,
                                  due_on=reporting["round"].due_on)
    assert client.get(url).json()["meta"]["total_count"] == 4
    assert warm_query_count(client, url) == 8
