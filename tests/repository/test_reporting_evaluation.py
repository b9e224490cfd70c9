"""The office's evaluation of the reporting rounds (repository.reporting.evaluation): the
counting with fixed data, the admin page, /api/v2/evaluation/ and the exports, for every
role, with bad input refused and the SQL pinned."""

from __future__ import annotations

import datetime
import io

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from openpyxl import load_workbook

from community.models import PersonalToken
from repository.models import (
    Adoption,
    Report,
    ReportingRound,
    ReportStatus,
    SolutionAnswer,
    SolutionPage,
)
from repository.models.adoptions import AdoptionSource, AdoptionStatus, ReviewState
from repository.reporting import evaluation, service
from repository.reporting.evaluation import FEDERAL_STATE, PHASE, TOPIC, Move
from tests.community.factories import MunicipalityFactory, as_user, make_user
from tests.home.factories import publish
from tests.queries import warm_query_count
from tests.repository.factories import ModelProjectPageFactory, SolutionPageFactory
from tests.repository.reporting_helpers import report_form_data

pytestmark = pytest.mark.django_db

PAGE = "/admin/reporting/evaluation/"
API = "/api/v2/evaluation/"


def accepted_round(client, reporting, **overrides: str) -> Report:
    """Bamberg's report, submitted by its lead and accepted by the editor: the parking
    solution moves from P3 (pilot) to P4 (operation), the portal from P2 (prototype) to
    P3 (pilot). Ulm's report is submitted, not yet accepted."""
    as_user(client, reporting["lead"]).post(f"/de/berichte/{reporting['report'].pk}/",
                                             report_form_data(reporting, "submit", **overrides))
    client.logout()
    report = Report.objects.get(pk=reporting["report"].pk)
    service.accept(report, reporting["editor"])
    ulm = reporting["ulm_report"]
    SolutionAnswer.objects.create(report=ulm, solution=reporting["sensors"],
                                  maturity="transferred", operation="ended")
    Report.objects.filter(pk=ulm.pk).update(status=ReportStatus.SUBMITTED)
    return report


def partner():
    user = make_user("auswertung")
    user.groups.add(Group.objects.get(name="Evaluation partners"))
    return user


def adopt(solution, source: str, size: str = "kleinstadt", **fields) -> Adoption:
    return Adoption.objects.create(
        solution=solution, municipality=MunicipalityFactory(size_class=size),
        status=fields.pop("status", AdoptionStatus.IN_OPERATION), source=source, **fields)


def test_moves_ended_solutions_and_reports_are_counted_from_accepted_reports(
        client, reporting):
    portal = reporting["portal"].pk
    accepted_round(client, reporting, **{f"s{portal}_operation": "ended",
                                         f"s{portal}_operation_note": "Vom Land übernommen."})
    answer = SolutionAnswer.objects.get(report=reporting["report"], solution=reporting["parking"])
    assert (answer.previous_maturity, answer.maturity) == ("pilot", "operation")
    result = evaluation.evaluate(ReportingRound.objects.all()).rounds[0]
    assert result.reports == {"not_started": 0, "draft": 0, "submitted": 1, "accepted": 1,
                              "returned": 0}
    assert result.came_in == 2
    # Ulm's submitted report (P5, ended) moves and ends nothing until it is accepted.
    assert result.moves == [Move("prototype", "pilot", 1), Move("pilot", "operation", 1)]
    assert [move.label for move in result.moves] == ["P2 → P3", "P3 → P4"]
    assert result.unchanged == 0
    # Only the parking solution has a field of action; both are Bavarian, phase 1.
    assert [(move.group, move.label, move.count) for move in result.moves_by[TOPIC]] == [
        ("Mobilität", "P3 → P4", 1)]
    assert [(move.group, move.label, move.count)
            for move in result.moves_by[FEDERAL_STATE]] == [
        ("Bayern", "P2 → P3", 1), ("Bayern", "P3 → P4", 1)]
    assert {move.group for move in result.moves_by[PHASE]} == {"Staffel 1 (2019)"}
    assert [(ended.title, ended.project, ended.reason) for ended in result.ended] == [
        ("Bürgerportal", "Smart City Bamberg", "Vom Land übernommen.")]
    with translation.override("en"):
        english = evaluation.evaluate(ReportingRound.objects.all()).rounds[0]
    assert [move.group for move in english.moves_by[TOPIC]] == ["Mobility"]
    assert english.moves_by[FEDERAL_STATE][0].group == "Bayern"  # a proper name
    assert english.moves_by[PHASE][0].group == "Phase 1 (2019)"


def test_a_solution_confirmed_at_its_step_is_no_move(client, reporting):
    parking = reporting["parking"].pk
    accepted_round(client, reporting, **{f"s{parking}_maturity": "pilot"})
    result = evaluation.evaluate(ReportingRound.objects.all()).rounds[0]
    assert result.moves == [Move("prototype", "pilot", 1)]
    assert result.unchanged == 1
    assert result.moves_by[TOPIC] == []


def test_adoptions_count_per_year_size_class_and_source_and_per_solution(reporting):
    parking, portal = reporting["parking"], reporting["portal"]
    adopt(parking, AdoptionSource.OFFICE, "grossstadt", adopted_on=datetime.date(2024, 5, 1))
    adopt(parking, AdoptionSource.OFFICE, "kleinstadt", adopted_on=datetime.date(2025, 3, 1))
    # Self-reported without a start date: counts in the year it was confirmed.
    adopt(parking, AdoptionSource.MUNICIPALITY, "kleinstadt",
          decided_at=timezone.now() - datetime.timedelta(days=400))
    adopt(portal, AdoptionSource.PROJECT, "kleinstadt", adopted_on=datetime.date(2026, 1, 1))
    # Neither a report waiting for review nor a dropped adoption counts.
    adopt(portal, AdoptionSource.MUNICIPALITY, review_state=ReviewState.PENDING)
    adopt(portal, AdoptionSource.OFFICE, status=AdoptionStatus.DROPPED,
          adopted_on=datetime.date(2026, 2, 1))
    result = evaluation.evaluate(ReportingRound.objects.all())
    assert [(one.year, one.size_class, one.source, one.count)
            for one in result.adoptions_over_time] == [
        (2024, "grossstadt", "office", 1), (2025, "kleinstadt", "office", 1),
        (2025, "kleinstadt", "municipality", 1), (2026, "kleinstadt", "project", 1)]
    assert [(one.title, one.by_source, one.total) for one in result.adoptions_by_solution] == [
        ("Parken in Echtzeit", {"office": 2, "municipality": 1, "project": 0}, 3),
        ("Bürgerportal", {"office": 0, "municipality": 0, "project": 1}, 1)]
    assert result.adoptions_by_solution[0].solution_id == parking.pk


def test_the_counting_takes_three_queries_whatever_the_numbers(client, reporting):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            evaluation.evaluate(ReportingRound.objects.all())
        return len(captured)

    assert queries() == 3
    accepted_round(client, reporting)
    adopt(reporting["parking"], AdoptionSource.OFFICE, adopted_on=datetime.date(2024, 5, 1))
    assert queries() == 3
    grow(reporting)
    assert queries() == 3


def grow(reporting) -> None:
    """Another round, another project with solutions and reports, more adoptions."""
    jena = publish(ModelProjectPageFactory(parent=reporting["bamberg"].get_parent(),
                                           slug="jena", title="Smart City Jena",
                                           funding_phase=3))
    solutions = [publish(SolutionPageFactory(parent=jena, model_project=jena, slug=f"s{n}",
                                             title=f"Lösung {n}")) for n in range(3)]
    later = ReportingRound.objects.create(title="Bericht 2026-2",
                                          opens_on=reporting["round"].opens_on,
                                          due_on=reporting["round"].due_on)
    report = Report.objects.get(round=later, project=jena)
    for solution in solutions:
        SolutionAnswer.objects.create(report=report, solution=solution, maturity="operation",
                                      previous_maturity="pilot", operation="running")
        solution.topics.add(reporting["parking"].topics.first())
        adopt(solution, AdoptionSource.MUNICIPALITY, "mittelstadt")
    Report.objects.filter(pk=report.pk).update(status=ReportStatus.ACCEPTED)


def test_the_office_sees_the_evaluation_page_with_charts_and_tables(client, reporting):
    accepted_round(client, reporting)
    adopt(reporting["parking"], AdoptionSource.MUNICIPALITY, "kleinstadt",
          adopted_on=datetime.date(2025, 3, 1))
    page = as_user(client, reporting["editor"]).get(PAGE)
    assert page.status_code == 200
    text = page.content.decode()
    assert "Bericht 2026-1" in text
    assert "Berichte je Runde" in text and "Reifegrad-Sprünge" in text
    assert "P3 → P4" in text and "Mobilität" in text and "Bayern" in text
    assert 'id="chart-evaluation-moves-field_of_action"' in text
    assert "Parken in Echtzeit" in text and "Kleinstadt" in text
    assert text.count('class="chart__table"') == 8  # each chart with its table
    assert f"{PAGE}export.csv?round={reporting['round'].pk}" in text
    # The status board leads here.
    board = client.get(f"/admin/reporting/?round={reporting['round'].pk}").content.decode()
    assert f"{PAGE}?round={reporting['round'].pk}" in board


def test_an_unknown_round_is_not_found(client, reporting):
    as_user(client, reporting["editor"])
    for value in ("999999", "abc", "٣", str(2**63), "0"):
        assert client.get(f"{PAGE}?round={value}").status_code == 404, value
        assert client.get(f"{PAGE}export.csv?round={value}").status_code == 404, value
    assert client.get(f"{PAGE}?round={reporting['round'].pk}").status_code == 200


def test_the_page_has_a_fixed_number_of_queries(client, reporting):
    accepted_round(client, reporting)
    as_user(client, reporting["editor"])
    before = warm_query_count(client, PAGE)
    grow(reporting)
    assert "Bericht 2026-2" in client.get(PAGE).content.decode()
    assert warm_query_count(client, PAGE) == before
    assert before <= 30


@pytest.mark.parametrize("who", ["plain", "lead", "ulmlead"])
def test_members_and_project_teams_do_not_reach_the_evaluation(client, reporting, who):
    """The evaluation is the office's: a project's own team sees its reports, not the
    figures across every project (even with the admin open to it)."""
    accepted_round(client, reporting)
    user = reporting[who]
    user.is_staff = True
    user.save()
    as_user(client, user)
    for path in (PAGE, f"{PAGE}export.csv", f"{PAGE}export.xlsx"):
        assert client.get(path).status_code in (302, 403), path
    assert client.get(API).status_code == 403
    _token, secret = PersonalToken.issue(user, "Auswertung")
    client.logout()
    assert client.get(API, HTTP_AUTHORIZATION=f"Token {secret}").status_code == 403
    assert "Evaluation" not in str(client.get("/admin/").content)


def test_anonymous_visitors_are_sent_to_sign_in_and_refused_by_the_api(client, reporting):
    assert client.get(PAGE).status_code == 302
    assert client.get(f"{PAGE}export.csv").status_code == 302
    response = client.get(API)
    assert response.status_code == 401 and "message" in response.json()


def test_the_evaluation_partner_sees_the_figures_but_no_report(client, reporting):
    report = accepted_round(client, reporting)
    as_user(client, partner())
    assert client.get(PAGE).status_code == 200
    body = client.get(API)
    assert body.status_code == 200 and body.json()["rounds"][0]["reports"]["accepted"] == 1
    # Figures only: the team's words (progress, lessons) are not among them.
    assert "Altstadt" not in body.content.decode()
    assert "Ordnungsamt" not in client.get(f"{PAGE}export.csv").content.decode()
    # The status board, the review and every answer stay with the editors.
    assert client.get("/admin/reporting/").status_code in (302, 403)
    assert client.get(f"/admin/reporting/reports/{report.pk}/").status_code in (302, 403)
    assert client.get("/api/v2/reports/").json()["meta"]["total_count"] == 0


def test_the_api_answers_the_same_figures_with_a_token(client, reporting):
    accepted_round(client, reporting)
    adopt(reporting["parking"], AdoptionSource.OFFICE, "grossstadt",
          adopted_on=datetime.date(2024, 5, 1))
    _token, secret = PersonalToken.issue(partner(), "Auswertung")
    body = client.get(API, HTTP_AUTHORIZATION=f"Token {secret}").json()
    (one,) = body["rounds"]
    assert one["title"] == "Bericht 2026-1" and one["status"] == "open"
    assert one["reports"]["accepted"] == 1 and one["reports"]["submitted"] == 1
    assert one["moves"] == [
        {"from": "prototype", "from_step": "P2", "to": "pilot", "to_step": "P3", "count": 1},
        {"from": "pilot", "from_step": "P3", "to": "operation", "to_step": "P4", "count": 1}]
    assert one["moves_by_field_of_action"][0]["label"] == "Mobilität"
    assert one["moves_by_federal_state"][0]["key"] == "09"
    assert one["moves_by_funding_phase"][0]["key"] == "1"
    assert one["ended"] == []
    assert body["adoptions"]["over_time"] == [
        {"year": 2024, "size_class": "grossstadt", "source": "office", "count": 1}]
    assert body["adoptions"]["by_solution"][0]["solution"] == {
        "id": reporting["parking"].pk, "title": "Parken in Echtzeit"}
    english = client.get(f"{API}?locale=en", HTTP_AUTHORIZATION=f"Token {secret}").json()
    assert english["rounds"][0]["moves_by_field_of_action"][0]["label"] == "Mobility"


def test_the_api_refuses_bad_input(client, reporting):
    as_user(client, reporting["editor"])
    assert client.get(f"{API}?round={reporting['round'].pk}").status_code == 200
    for query, status in (("round=abc", 400), ("round=٣", 400), (f"round={2**63}", 400),
                          ("round=0", 400), ("round=999999", 404), ("colour=red", 400)):
        response = client.get(f"{API}?{query}")
        assert response.status_code == status, query
        assert response.json()["message"], query
    assert client.post(API, {}).status_code in (403, 405)


def test_the_api_has_a_fixed_number_of_queries(client, reporting):
    accepted_round(client, reporting)
    as_user(client, reporting["editor"])
    # Session, user, their rights (2), rounds with their reports, answers, adoptions.
    assert warm_query_count(client, API) == 7
    grow(reporting)
    assert len(client.get(API).json()["rounds"]) == 2
    assert warm_query_count(client, API) == 7


def test_both_export_formats_hold_every_figure(client, reporting):
    accepted_round(client, reporting)
    adopt(reporting["parking"], AdoptionSource.MUNICIPALITY, "kleinstadt",
          adopted_on=datetime.date(2025, 3, 1))
    as_user(client, reporting["editor"])
    csv = client.get(f"{PAGE}export.csv")
    assert csv.status_code == 200 and "no-store" in csv["Cache-Control"]
    assert 'filename="auswertung.csv"' in csv["Content-Disposition"]
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0] == ("Berichtsrunde;Kennzahl;Aufschlüsselung;Gruppe;Reifestufe zuvor;"
                        "Reifestufe jetzt;Lösung;Jahr;Größenklasse;Quelle;Anzahl;"
                        "was sich geändert hat oder warum sie endete")
    assert "Bericht 2026-1;Berichte der Projekte;;Geprüft: angenommen;;;;;;;1;" in lines
    assert "Bericht 2026-1;Reifegrad-Sprünge;alle;;P3;P4;;;;;1;" in lines
    assert "Bericht 2026-1;Reifegrad-Sprünge;Handlungsfeld;Mobilität;P3;P4;;;;;1;" in lines
    assert ";Übernahmen;;;;;;2025;Kleinstadt;Kommune;1;" in lines
    assert ";Übernahmen je Lösung;;;;;Parken in Echtzeit;;;Kommune;1;" in lines
    xlsx = client.get(f"{PAGE}export.xlsx?round={reporting['round'].pk}")
    assert 'filename="auswertung-bericht-2026-1.xlsx"' in xlsx["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.title == "Bericht 2026-1"
    assert sheet.max_row == len(lines)
    refused = client.get(f"{PAGE}export.pdf")
    assert refused.status_code == 400 and "CSV" in refused.content.decode()


def test_accepting_records_the_step_before_in_every_answer(client, reporting):
    accepted_round(client, reporting)
    assert dict(SolutionAnswer.objects.filter(report=reporting["report"]).values_list(
        "solution__slug", "previous_maturity")) == {"parken": "pilot", "portal": "prototype"}
    assert SolutionPage.objects.get(pk=reporting["parking"].pk).maturity == "operation"
