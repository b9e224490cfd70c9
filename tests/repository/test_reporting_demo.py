"""The demo's reporting rounds: a past round whose accepted reports confirmed their
solutions, an open one with Ulm's draft, indicators in both languages and a project lead
who signs in with the demo password."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone

from repository.models import Indicator, Report, ReportingRound, ReportStatus, SolutionPage
from repository.reporting.evaluation import TOPIC, evaluate
from tests.demo import install_demo

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_past_and_an_open_round_and_a_lead_who_fills_the_draft(client):
    install_demo()
    past, current = (ReportingRound.objects.get(title="Bericht 2026-1"),
                     ReportingRound.objects.get(title="Bericht 2026-2"))
    assert past.status == "closed" and current.status == "open"
    assert sorted(past.reports.filter(status=ReportStatus.ACCEPTED)
                  .values_list("project__title", flat=True)) == [
        "Digitale Region Süderbrarup", "Smart City Bamberg", "Smart City Jena",
        "Smart City Ulm"]
    assert list(current.reports.exclude(status=ReportStatus.NOT_STARTED)
                .values_list("project__title", "status")) == [("Smart City Ulm", "draft")]
    portal = SolutionPage.objects.get(slug="offenes-datenportal", locale__language_code="de")
    assert portal.last_confirmed is not None and portal.last_confirmed < timezone.localdate()
    assert Indicator.objects.filter(locale__language_code="en").count() == \
        Indicator.objects.filter(locale__language_code="de").count() >= 5
    # The past round's evaluation shows real moves and the village shop that ended.
    result = evaluate(ReportingRound.objects.filter(pk=past.pk)).rounds[0]
    assert result.reports["accepted"] == 4
    assert {move.label: move.count for move in result.moves} == {
        "P1 → P2": 3, "P3 → P4": 3, "P4 → P5": 2}
    assert len(result.moves_by[TOPIC]) >= 5 and result.unchanged == 3
    assert [ended.title for ended in result.ended] == ["Dorfladen mit digitalem Zugang"]
    lead = get_user_model().objects.get(email="projektleitung@ulm.demo.example")
    assert lead.check_password("smartcities-demo")
    client.force_login(lead)
    draft = Report.objects.get(round=current, project__title="Smart City Ulm")
    page = client.get(f"/de/berichte/{draft.pk}/").content.decode()
    assert "Offenes Datenportal" in page and 'value="submit"' in page
    assert "Veröffentlichte offene Datensätze (Datensätze)" in page
