"""The self-assessment on the site: a village at the start and a large city with a
strategy get different stages and next steps; a member's result is kept in the account,
a visitor's only in the session; bad answers change nothing."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from django.utils import translation

from events.models import MaturityStage, SelfAssessment
from tests.community.factories import make_user
from tests.events.self_assessment_helpers import (
    AT_THE_START,
    WITH_A_STRATEGY,
    form_data,
    landscape,
)

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "de") -> str:
    with translation.override(language):
        return reverse(f"events:{name}")


@pytest.fixture
def places(site):
    return landscape(site)


def assess(client, answers, municipality=None, language="de", **extra):
    response = client.post(url("self_assessment", language),
                           form_data(answers, municipality, **extra))
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == url("self_assessment_result", language)
    return client.get(response["Location"])


def test_the_questionnaire_asks_about_every_area_without_sign_in(client, places):
    response = client.get(url("self_assessment"))
    html = response.content.decode()
    assert response.status_code == 200
    for area in ("Strategie", "Organisation und Personal", "Daten und Infrastruktur",
                 "Beteiligung", "Finanzierung und Haushalt", "Handlungsfelder"):
        assert f"<h2>{area}</h2>" in html
    assert 'name="strategy"' in html and 'name="municipality_query"' in html


def test_a_village_at_the_start_is_pointed_to_first_steps(client, places):
    page = assess(client, AT_THE_START, places["village"])
    html = page.content.decode()
    assert page.status_code == 200
    assert "P1: Orientierung" in html
    assert "Auftaktwerkstatt" in html and "Erstberatung" in html
    assert "Auftaktwerkstatt Herbst" in html and "Regionalkonferenz Ost" not in html
    assert "Dorf-App" in html and "Urbane Datenplattform" not in html
    assert "Heidedorf" in html
    link = page.context["steps"]["interest_url"]
    assert parse_qs(urlsplit(link).query) == {
        "kind": ["consultation"], "starting_situation": ["first-steps"],
        "municipality": [str(places["village"].pk)]}
    assert page["Cache-Control"] == "private, no-store"


def test_a_large_city_with_a_strategy_gets_other_next_steps(client, places):
    page = assess(client, WITH_A_STRATEGY, places["city"])
    html = page.content.decode()
    assert "P4: Umsetzung" in html
    assert "Regionalkonferenz Ost" in html and "Auftaktwerkstatt Herbst" not in html
    assert "Urbane Datenplattform" in html and "Dorf-App" not in html
    query = parse_qs(urlsplit(page.context["steps"]["interest_url"]).query)
    assert query["kind"] == ["keep-informed"]
    assert query["starting_situation"] == ["implementing"]


def test_the_result_speaks_english(client, places):
    page = assess(client, AT_THE_START, places["village"], language="en")
    html = page.content.decode()
    assert "P1: Getting started" in html
    assert "Kick-off workshop" in html


def test_an_anonymous_result_is_kept_only_in_the_session(client, places):
    assess(client, AT_THE_START, places["village"])
    assert not SelfAssessment.objects.exists()
    # Another visitor has no result to see.
    other = client.__class__()
    assert other.get(url("self_assessment_result"))["Location"] == url("self_assessment")


def test_a_members_result_is_kept_in_the_account_and_replaced_next_time(client, places):
    member = make_user("kaemmerin")
    client.force_login(member)
    assess(client, AT_THE_START, places["village"])
    assess(client, WITH_A_STRATEGY, places["city"])
    kept = SelfAssessment.objects.get(user=member)
    assert (kept.stage_code, kept.score, kept.size_class) == ("P4", 80, "grossstadt")
    client.logout()
    assert client.get(url("self_assessment_result")).status_code == 302


def test_a_members_municipality_is_filled_in_from_the_profile(client, places):
    member = make_user("buergermeister")
    member.member_profile.municipality = places["village"]
    member.member_profile.save()
    client.force_login(member)
    html = client.get(url("self_assessment")).content.decode()
    assert "Kleinwalde (Brandenburg)" in html


@pytest.mark.parametrize("bad", [
    {"strategy": "perfect"},
    {"strategy": ""},
    {"municipality": "999999"},
    {"topics": ["gibt-es-nicht"]},
    {"size_class": "metropole"},
], ids=["unknown-answer", "missing-answer", "unknown-municipality", "unknown-topic",
        "unknown-size"])
def test_bad_answers_are_refused_with_messages_and_nothing_is_kept(client, places, bad):
    member = make_user("pruefer")
    client.force_login(member)
    response = client.post(url("self_assessment"), {**AT_THE_START, **bad})
    assert response.status_code == 400
    assert "Bitte korrigieren Sie" in response.content.decode()
    assert not SelfAssessment.objects.exists()


def test_the_office_can_rename_a_stage_and_move_its_threshold(client, places):
    MaturityStage.objects.filter(code="P2").update(threshold=0, name="Aufbruch")
    MaturityStage.objects.filter(code="P1").delete()
    html = assess(client, AT_THE_START, places["village"]).content.decode()
    assert "P2: Aufbruch" in html


def test_the_expression_of_interest_opens_filled_in_from_the_result(client, places, topics):
    page = assess(client, AT_THE_START, places["village"], topics=["energie"])
    form = client.get(page.context["steps"]["interest_url"])
    assert form.status_code == 200
    fields = form.context["form"]
    assert fields["kind"].value() == "consultation"
    assert fields["starting_situation"].value() == "first-steps"
    assert fields["municipality"].value() == places["village"]
    assert list(fields["topics"].value()) == ["energie"]
    assert "Kleinwalde (Brandenburg)" in form.content.decode()


def test_a_link_with_values_that_do_not_fit_opens_the_form_empty(client, places):
    form = client.get(url("interest") + "?kind=alles&municipality=abc&topics=nichts")
    assert form.status_code == 200
    fields = form.context["form"]
    assert (fields["kind"].value(), fields["topics"].value()) == (None, None)
