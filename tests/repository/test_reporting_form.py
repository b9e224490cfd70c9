"""The report form on the site: the team writes, the lead submits, nobody else sees a
thing (asked from the outside, as each role)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from repository.models import IndicatorValue, Report, ReportStatus, SolutionAnswer
from tests.community.factories import as_user
from tests.repository.reporting_helpers import report_form_data

pytestmark = pytest.mark.django_db


def url(report: Report, language: str = "de") -> str:
    return f"/{language}/berichte/{report.pk}/" if language == "de" else \
        f"/en/reports/{report.pk}/"


def test_a_team_member_saves_a_draft_that_the_lead_submits(client, reporting, mailoutbox,
                                                           django_capture_on_commit_callbacks):
    report = reporting["report"]
    helper = as_user(client, reporting["helper"])
    page = helper.get(url(report))
    assert page.status_code == 200
    assert page["Cache-Control"] == "private, no-store"
    text = page.content.decode()
    assert "Parken in Echtzeit" in text and "Bürgerportal" in text
    assert "P3 – Pilot" in text and "P4 – Regelbetrieb" in text
    assert "Nutzende pro Monat (Personen)" in text and "Ziel: 5.000" in text
    assert "Was hat Sie überrascht?" in text
    # A contributor saves a draft but may not submit.
    assert 'value="submit"' not in text
    response = helper.post(url(report), report_form_data(reporting))
    assert response.status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.DRAFT and report.changed_by == reporting["helper"]
    assert report.answers == ["Wie schnell die Nutzung stieg."]
    parking = SolutionAnswer.objects.get(report=report, solution=reporting["parking"])
    assert parking.maturity == "operation" and parking.costs_so_far == Decimal("120000.50")
    assert IndicatorValue.objects.get(answer=parking).value == Decimal("4200")
    assert helper.post(url(report), report_form_data(reporting, "submit")).status_code == 403
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT

    lead = as_user(client, reporting["lead"])
    assert 'value="submit"' in lead.get(url(report)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        assert lead.post(url(report), report_form_data(reporting, "submit")).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED and report.submitted_at is not None
    # Submitted: read only, and a second post changes nothing.
    again = lead.post(url(report), report_form_data(reporting, "draft", progress="Anders."))
    assert again.status_code == 403
    assert Report.objects.get(pk=report.pk).progress == "Die Sensoren laufen in der Altstadt."
    # The office hears of it: the editor, not the teams or the plain member.
    assert [message.to for message in mailoutbox] == [[reporting["editor"].email]]
    assert "Smart City Bamberg" in mailoutbox[0].subject


def test_submitting_asks_for_every_step_and_why_it_changed(client, reporting):
    report = reporting["report"]
    portal = reporting["portal"].pk
    lead = as_user(client, reporting["lead"])
    response = lead.post(url(report), report_form_data(
        reporting, "submit", progress=" ", **{f"s{portal}_maturity": "",
                                              f"s{portal}_operation_note": ""}))
    assert response.status_code == 400
    text = response.content.decode()
    assert "Beschreiben Sie den Fortschritt des Projekts" in text
    assert "Wählen Sie die Reifestufe von „Bürgerportal“" in text
    assert f'href="#id_s{portal}_operation_note"' in text
    assert Report.objects.get(pk=report.pk).status == ReportStatus.NOT_STARTED
    assert not SolutionAnswer.objects.exists()


@pytest.mark.parametrize("field, value", [
    ("costs_so_far", "viel"), ("costs_so_far", "-5"), ("maturity", "P9"),
    ("operation", "maybe"), ("costs_so_far", "1" * 20)])
def test_bad_input_is_refused_and_changes_nothing(client, reporting, field, value):
    report = reporting["report"]
    parking = reporting["parking"].pk
    response = as_user(client, reporting["lead"]).post(
        url(report), report_form_data(reporting, **{f"s{parking}_{field}": value}))
    assert response.status_code == 400
    assert Report.objects.get(pk=report.pk).status == ReportStatus.NOT_STARTED
    assert not SolutionAnswer.objects.exists()


@pytest.mark.parametrize("who", [None, "plain", "ulmlead"])
def test_outsiders_find_no_report(client, reporting, who):
    report = reporting["report"]
    as_user(client, reporting[who] if who else None)
    response = client.get(url(report))
    if who is None:
        assert response.status_code == 302 and "/anmelden/" in response["Location"]
    else:
        assert response.status_code == 404
        assert client.post(url(report), report_form_data(reporting)).status_code == 404
        listing = client.get("/de/berichte/").content.decode()
        assert "Smart City Bamberg" not in listing
    assert Report.objects.get(pk=report.pk).status == ReportStatus.NOT_STARTED


def test_editors_read_the_report_on_the_site_without_changing_it(client, reporting):
    report = reporting["report"]
    editor = as_user(client, reporting["editor"])
    page = editor.get(url(report)).content.decode()
    assert "Nur lesen" in page and 'value="draft"' not in page
    assert editor.post(url(report), report_form_data(reporting)).status_code == 403


def test_the_form_speaks_english_with_english_indicators(client, reporting):
    page = as_user(client, reporting["lead"]).get(url(reporting["report"], "en"))
    text = page.content.decode()
    assert "Users per month (people)" in text and "P4 – Regular operation" in text
    assert "Save as draft" in text


def test_a_member_lists_only_their_own_projects_reports(client, reporting):
    text = as_user(client, reporting["ulmlead"]).get("/de/berichte/").content.decode()
    assert "Zukunftsstadt Ulm" in text and "Smart City Bamberg" not in text
    assert reverse("repository:report", args=[reporting["ulm_report"].pk]) in text


def test_the_account_page_lists_the_team_members_reports_only(client, reporting):
    lead = as_user(client, reporting["lead"]).get("/de/konto/").content.decode()
    assert "Berichte Ihres Projekts" in lead
    assert reverse("repository:report", args=[reporting["report"].pk]) in lead
    plain = as_user(client, reporting["plain"]).get("/de/konto/").content.decode()
    assert "Berichte Ihres Projekts" not in plain


@pytest.mark.parametrize("who", [None, "plain", "lead", "editor"])
def test_reports_never_reach_search(client, reporting, who):
    as_user(client, reporting["lead"]).post(url(reporting["report"]), report_form_data(
        reporting, progress="Quokkafütterung im Rathaus"))
    client.logout()
    as_user(client, reporting[who] if who else None)
    page = client.get("/de/suche/?q=Quokkaf%C3%BCtterung")
    assert page.status_code == 200
    assert "Quokkafütterung im Rathaus" not in page.content.decode()
    api = client.get("/api/v2/search/?q=Quokkaf%C3%BCtterung")
    assert api.status_code == 200 and "Rathaus" not in api.content.decode()
