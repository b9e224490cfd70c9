"""What readers see of a solution's freshness, the prompt its team gets once the
confirmation has lapsed, and the editors' dashboard list of such solutions."""

from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from community.models import Notification
from repository.freshness import confirm_solution
from repository.freshness_prompts import send_confirmation_prompts
from tests.clock import berlin
from tests.repository.adoption_helpers import reporting_setup

pytestmark = pytest.mark.django_db


@pytest.fixture
def reporting(site):
    return reporting_setup(site)


def test_the_page_says_how_fresh_the_solution_is_in_both_languages(
        client, reporting, frozen_clock):
    german, english = reporting.solution, reporting.english
    assert "Vom Modellprojekt noch in keinem Bericht bestätigt." in client.get(german.url).text
    assert "Not yet confirmed by the model project" in client.get(english.url).text

    confirm_solution(german, maturity="operation", operation="running",
                     confirmed_on=date(2026, 6, 1))
    assert "Zuletzt bestätigt vom Modellprojekt am 1. Juni 2026." in client.get(german.url).text
    assert "Last confirmed by the model project on June 1, 2026." in client.get(
        english.url).text

    frozen_clock.move_to(berlin("2026-12-02 08:00"))
    page = client.get(german.url).text
    assert "Nicht bestätigt seit 1. Juni 2026" in page and "kern-badge--warning" in page
    assert "Not confirmed since June 1, 2026" in client.get(english.url).text

    confirm_solution(german, maturity="pilot", operation="ended",
                     confirmed_on=date(2026, 12, 1), reason="Der Betreiber hat gekündigt.")
    page = client.get(german.url).text
    assert "Diese Lösung wurde am 1. Dezember 2026 beendet." in page
    assert "Der Betreiber hat gekündigt." in page and "kern-alert--warning" in page
    assert "This solution ended on Dec. 1, 2026." in client.get(english.url).text


def test_the_team_is_prompted_once_per_lapse_in_its_language(
        reporting, frozen_clock, django_capture_on_commit_callbacks):
    assert send_confirmation_prompts() == 0  # published today: nothing to confirm yet
    frozen_clock.move_to(berlin("2026-12-11 07:00"))
    with django_capture_on_commit_callbacks(execute=True):
        assert send_confirmation_prompts() == 1
        assert send_confirmation_prompts() == 0  # once
    [prompt] = Notification.objects.all()
    assert prompt.recipient == reporting.team_member
    assert prompt.text == ("Please confirm “Free parking spaces in real time”: your model "
                           "project has not yet confirmed its state in a report.")
    assert [message.to for message in mail.outbox] == [[reporting.team_member.email]]

    confirm_solution(reporting.solution, maturity="operation", operation="running",
                     confirmed_on=date(2026, 12, 11))
    assert send_confirmation_prompts() == 0
    frozen_clock.move_to(berlin("2027-06-12 07:00"))
    call_command("send_confirmation_prompts", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Notification.objects.count() == 2
    assert "last confirmed on Dec. 11, 2026" in Notification.objects.last().text

    confirm_solution(reporting.solution, maturity="pilot", operation="ended",
                     confirmed_on=date(2027, 6, 12), reason="Eingestellt.")
    frozen_clock.move_to(berlin("2028-06-12 07:00"))
    assert send_confirmation_prompts() == 0  # an ended solution needs no confirmation


@pytest.mark.parametrize(("who", "listed"), [("editor", True), ("team_member", True),
                                             ("other_team", False)])
def test_dashboard_lists_unconfirmed_solutions_to_editors_and_the_own_team(
        client, reporting, frozen_clock, who, listed):
    frozen_clock.move_to(berlin("2026-12-11 07:00"))
    client.force_login(getattr(reporting, who))
    dashboard = client.get("/admin/").text
    assert ("Freie Parkplätze in Echtzeit" in dashboard) is listed
    assert "unconfirmed-solutions" in dashboard
