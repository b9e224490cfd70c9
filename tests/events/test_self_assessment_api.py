"""The self-assessment in the one API: the questionnaire, the result for fixed answers,
and bad input answered 400 with messages, nothing kept."""

import pytest

from community.models import PersonalToken
from events.models import SelfAssessment
from tests.community.factories import make_user
from tests.events.self_assessment_helpers import AT_THE_START, WITH_A_STRATEGY, landscape

pytestmark = pytest.mark.django_db

API = "/api/v2/self-assessment/"


@pytest.fixture
def places(site):
    return landscape(site)


def post(client, body, **headers):
    return client.post(API, body, content_type="application/json", **headers)


def test_the_questionnaire_in_both_languages(client, places):
    german = client.get(API, HTTP_ACCEPT_LANGUAGE="de").json()
    english = client.get(API, HTTP_ACCEPT_LANGUAGE="en").json()
    assert [q["key"] for q in german["questions"]] == [
        "strategy", "organisation", "data", "participation", "funding"]
    assert german["questions"][0]["area"] == "Strategie"
    assert english["questions"][0]["area"] == "Strategy"
    assert [s["code"] for s in german["stages"]] == ["P1", "P2", "P3", "P4", "P5"]
    assert (german["stages"][0]["name"], english["stages"][0]["name"]) == (
        "Orientierung", "Getting started")


def test_a_village_and_a_city_get_different_next_steps(client, places):
    village = post(client, {**AT_THE_START, "municipality": places["village"].pk}).json()
    city = post(client, {**WITH_A_STRATEGY, "municipality": places["city"].pk}).json()
    assert (village["score"], village["stage"]["code"]) == (0, "P1")
    assert (city["score"], city["stage"]["code"]) == (80, "P4")
    steps = village["next_steps"], city["next_steps"]
    assert [f["value"] for f in steps[0]["formats"]] == ["kickoff", "consultation"]
    assert [f["value"] for f in steps[1]["formats"]] == ["theme-workshop",
                                                         "regional-conference"]
    assert [e["title"] for e in steps[0]["events"]] == ["Auftaktwerkstatt Herbst"]
    assert [e["title"] for e in steps[1]["events"]] == ["Regionalkonferenz Ost"]
    assert [s["title"] for s in steps[0]["solutions"]] == ["Dorf-App"]
    assert steps[0]["solutions"][0]["adopters"] == ["Heidedorf"]
    assert [s["title"] for s in steps[1]["solutions"]] == ["Urbane Datenplattform"]
    assert "kind=consultation" in steps[0]["interest_url"]
    assert "kind=keep-informed" in steps[1]["interest_url"]
    assert steps[0]["interest_url"].startswith("http://testserver/de/")
    assert not village["kept_in_account"] and not SelfAssessment.objects.exists()


def test_without_a_municipality_the_size_and_state_are_enough(client, places):
    result = post(client, {**AT_THE_START, "size_class": "landgemeinde",
                           "federal_state": "12"}).json()
    assert [s["title"] for s in result["next_steps"]["solutions"]] == ["Dorf-App"]


def test_a_member_with_a_token_keeps_the_result(client, places):
    member = make_user("digitallotsin")
    token = PersonalToken.issue(member, "Selbstcheck")[1]
    response = post(client, WITH_A_STRATEGY, HTTP_AUTHORIZATION=f"Token {token}")
    assert response.status_code == 200 and response.json()["kept_in_account"]
    assert SelfAssessment.objects.get(user=member).stage_code == "P4"


@pytest.mark.parametrize("body, field", [
    ({**AT_THE_START, "strategy": "perfect"}, "strategy"),
    ({key: value for key, value in AT_THE_START.items() if key != "funding"}, "funding"),
    ({**AT_THE_START, "strategy": 3}, "strategy"),
    ({**AT_THE_START, "municipality": 99999}, "municipality"),
    ({**AT_THE_START, "municipality": "7"}, "municipality"),
    ({**AT_THE_START, "topics": ["gibt-es-nicht"]}, "topics"),
    ({**AT_THE_START, "size_class": "metropole"}, "size_class"),
    ({**AT_THE_START, "score": 100}, "score"),
], ids=["unknown-answer", "missing-answer", "number", "unknown-municipality",
        "id-as-text", "unknown-topic", "unknown-size", "unknown-field"])
def test_bad_answers_get_400_with_a_message_and_nothing_is_kept(client, places, body, field):
    client.force_login(make_user("pruefer"))
    response = post(client, body)
    assert response.status_code == 400
    assert response.json()["message"] == "Die Antworten konnten nicht ausgewertet werden."
    assert field in response.json()["errors"]
    assert not SelfAssessment.objects.exists()


def test_a_body_that_is_not_json_is_refused(client, places):
    response = client.post(API, {"strategy": "none"})
    assert response.status_code == 415
