"""The office's side of the reporting rounds: opening a round gives every project its
report; the status board, the review and the export are for reviewers only."""

from __future__ import annotations

import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from repository.freshness import Operation as FreshnessOperation
from repository.models import Operation, Report, ReportingRound, ReportStatus, SolutionPage
from tests.community.factories import as_user
from tests.home.factories import publish
from tests.queries import warm_query_count
from tests.repository.factories import ModelProjectPageFactory
from tests.repository.reporting_helpers import report_form_data

pytestmark = pytest.mark.django_db

BOARD = "/admin/reporting/"


def submitted(client, reporting) -> Report:
    as_user(client, reporting["lead"]).post(f"/de/berichte/{reporting['report'].pk}/",
                                             report_form_data(reporting, "submit"))
    client.logout()
    return Report.objects.get(pk=reporting["report"].pk)


def test_the_office_opens_a_round_in_the_admin_and_every_project_gets_a_report(
        client, reporting):
    editor = as_user(client, reporting["editor"])
    response = editor.post(reverse("wagtailsnippets_repository_reportinground:add"), {
        "title": "Bericht 2027-1", "opens_on": "2027-01-01", "due_on": "2027-02-15",
        "intro": "Bitte bis Mitte Februar.", "questions": "Was planen Sie?"})
    assert response.status_code == 302
    opened = ReportingRound.objects.get(title="Bericht 2027-1")
    assert sorted(opened.reports.values_list("project__title", flat=True)) == [
        "Smart City Bamberg", "Zukunftsstadt Ulm"]
    assert set(opened.reports.values_list("status", flat=True)) == {ReportStatus.NOT_STARTED}
    # A due date before the opening is refused and nothing is stored.
    refused = editor.post(reverse("wagtailsnippets_repository_reportinground:add"), {
        "title": "Bericht 2027-2", "opens_on": "2027-07-01", "due_on": "2027-06-01"})
    assert refused.status_code == 200
    assert "Die Frist kann nicht vor dem Beginn liegen." in refused.content.decode()
    assert not ReportingRound.objects.filter(title="Bericht 2027-2").exists()


def test_the_status_board_shows_each_projects_status_change_and_reminders(
        client, reporting, django_assert_max_num_queries):
    report = submitted(client, reporting)
    Report.objects.filter(pk=reporting["ulm_report"].pk).update(
        reminded_before_at=timezone.now())
    editor = as_user(client, reporting["editor"])
    page = editor.get(f"{BOARD}?round={reporting['round'].pk}")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Smart City Bamberg" in text and "Zukunftsstadt Ulm" in text
    assert "Eingereicht" in text and "Nicht begonnen" in text and "vor der Frist" in text
    assert reporting["lead"].email in text
    assert reverse("repository_reporting_review", args=[report.pk]) in text
    assert editor.get(f"{BOARD}?round=abc").status_code == 404
    assert editor.get(f"{BOARD}?round=999999").status_code == 404


def test_an_editor_returns_a_report_with_a_comment_the_team_reads(
        client, reporting, mailoutbox, django_capture_on_commit_callbacks):
    report = submitted(client, reporting)
    editor = as_user(client, reporting["editor"])
    review = reverse("repository_reporting_review", args=[report.pk])
    page = editor.get(review).content.decode()
    assert "Die Sensoren laufen in der Altstadt." in page and "P4" in page
    assert "4200" in page and "Nutzende pro Monat" in page
    # Returning needs a comment; without one nothing changes.
    assert editor.post(review, {"action": "return", "comment": " "}).status_code == 400
    assert editor.post(review, {"action": "publish"}).status_code == 400
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = editor.post(review, {"action": "return",
                                        "comment": "Bitte die Kosten ergänzen."})
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.RETURNED
    assert report.reviewed_by == reporting["editor"]
    assert sorted(message.to[0] for message in mailoutbox) == [
        reporting["helper"].email, reporting["lead"].email]
    assert "Bitte die Kosten ergänzen." in mailoutbox[0].body
    # The team sees the comment and may change the report again.
    form = as_user(client, reporting["lead"]).get(f"/de/berichte/{report.pk}/")
    assert "Bitte die Kosten ergänzen." in form.content.decode()
    assert 'value="submit"' in form.content.decode()
    # A returned report is not reviewed again until it is submitted again.
    editor = as_user(client, reporting["editor"])
    assert editor.post(review, {"action": "return", "comment": "Noch einmal"}).status_code == 400


def test_every_answer_exports_as_csv_and_xlsx(client, reporting):
    submitted(client, reporting)
    editor = as_user(client, reporting["editor"])
    pk = reporting["round"].pk
    csv = editor.get(f"/admin/reporting/rounds/{pk}/export.csv")
    assert csv.status_code == 200 and "no-store" in csv["Cache-Control"]
    lines = csv.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Berichtsrunde;Modellprojekt;Kommune;AGS")
    assert "Nutzende pro Monat (Personen)" in lines[0]
    assert "Was hat Sie überrascht?" in lines[0]
    rows = [line for line in lines[1:] if "Smart City Bamberg" in line]
    assert len(rows) == 2  # one row per solution
    assert any("Parken in Echtzeit" in row and ";P4;" in row and "4200" in row for row in rows)
    assert any("Zukunftsstadt Ulm" in line and "Nicht begonnen" in line for line in lines)
    xlsx = editor.get(f"/admin/reporting/rounds/{pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.title == "Bericht 2026-1"
    assert sheet.max_row == 4
    assert editor.get(f"/admin/reporting/rounds/{pk}/export.pdf").status_code == 404


@pytest.mark.parametrize("who", ["plain", "lead", "ulmlead"])
def test_nobody_but_reviewers_reaches_the_board_review_or_export(client, reporting, who):
    report = submitted(client, reporting)
    user = reporting[who]
    user.is_staff = True  # even with the admin open to them (team members have it)
    user.save()
    as_user(client, user)
    pk = reporting["round"].pk
    for path in (BOARD, reverse("repository_reporting_review", args=[report.pk]),
                 f"/admin/reporting/rounds/{pk}/export.csv"):
        assert client.get(path).status_code in (302, 403), path
    assert client.post(reverse("repository_reporting_review", args=[report.pk]),
                       {"action": "return", "comment": "x"}).status_code in (302, 403)
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED


def test_anonymous_visitors_are_sent_to_sign_in(client, reporting):
    assert client.get(BOARD).status_code == 302
    assert client.get(f"/admin/reporting/rounds/{reporting['round'].pk}/export.csv"
                      ).status_code == 302


def test_a_team_role_puts_the_member_into_the_projects_group(reporting):
    lead, bamberg = reporting["lead"], reporting["bamberg"]
    assert lead.groups.filter(pk=bamberg.team_id).exists()
    assert lead.groups.filter(name="Model-project teams").exists()
    lead.project_roles.get().delete()
    assert not lead.groups.filter(pk=bamberg.team_id).exists()
    assert not lead.groups.filter(name="Model-project teams").exists()


def test_a_round_opening_later_is_not_shown_to_the_team_yet(client, reporting):
    later = ReportingRound.objects.create(
        title="Bericht 2026-2", opens_on=timezone.localdate() + datetime.timedelta(days=30),
        due_on=timezone.localdate() + datetime.timedelta(days=60))
    report = Report.objects.get(round=later, project=reporting["bamberg"])
    lead = as_user(client, reporting["lead"])
    assert lead.get(f"/de/berichte/{report.pk}/").status_code == 404
    assert "Bericht 2026-2" not in lead.get("/de/berichte/").content.decode()


def test_accepting_confirms_each_solution_with_what_the_team_reported(
        client, reporting, mailoutbox, django_capture_on_commit_callbacks):
    portal = reporting["portal"].pk
    as_user(client, reporting["lead"]).post(
        f"/de/berichte/{reporting['report'].pk}/", report_form_data(
            reporting, "submit", **{f"s{portal}_operation": "ended",
                                    f"s{portal}_operation_note": "Vom Land übernommen."}))
    editor = as_user(client, reporting["editor"])
    review = reverse("repository_reporting_review", args=[reporting["report"].pk])
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert editor.post(review, {"action": "accept"}).status_code == 302
    report = Report.objects.get(pk=reporting["report"].pk)
    assert report.status == ReportStatus.ACCEPTED and report.reviewed_by == reporting["editor"]
    today = timezone.localdate()
    parking = SolutionPage.objects.get(pk=reporting["parking"].pk)
    assert (parking.maturity, parking.last_confirmed, parking.ended_on) == (
        "operation", today, None)
    ended = SolutionPage.objects.get(pk=portal)
    assert (ended.maturity, ended.ended_on, ended.ended_reason) == (
        "pilot", today, "Vom Land übernommen.")
    assert "Regelbetrieb" in client.get(parking.url).content.decode()
    assert sorted(message.to[0] for message in mailoutbox) == [
        reporting["helper"].email, reporting["lead"].email]
    assert "angenommen" in mailoutbox[0].subject
    # Accepted once: a second acceptance changes nothing.
    assert editor.post(review, {"action": "accept"}).status_code == 400


def test_the_reports_operation_speaks_the_freshness_services_values():
    assert Operation.values == FreshnessOperation.values


def test_the_status_board_has_a_fixed_number_of_queries(client, reporting):
    as_user(client, reporting["editor"])
    url = f"{BOARD}?round={reporting['round'].pk}"
    before = warm_query_count(client, url)
    publish(ModelProjectPageFactory(parent=reporting["bamberg"].get_parent(), slug="jena",
                                    title="Smart City Jena"))
    assert "Smart City Jena" in client.get(url).content.decode()
    assert warm_query_count(client, url) == before
