"""A municipality reports its adoption in a real Chromium and the developing project's team
confirms it: the report waits unseen, then stands in the reuse ledger of the solution
page and the API with the municipality as its source. Axe on every screen; screenshots
at 390 and 1366 px when SCREENSHOT_DIR is set."""

import os
from datetime import date

import pytest

from repository.freshness import confirm_solution
from tests.e2e.accessibility import assert_accessible
from tests.home.factories import bilingual_site
from tests.repository.adoption_helpers import reporting_setup

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "geheim-123"  # tests.community.factories.make_user
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def shoot(page, name: str) -> None:
    if not SCREENSHOTS:
        return
    for width, height in ((1366, 900), (390, 1100)):
        page.set_viewport_size({"width": width, "height": height})
        page.screenshot(path=f"{SCREENSHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


@pytest.fixture
def adoption_server(live_server):
    reporting = reporting_setup(bilingual_site())
    confirm_solution(reporting.solution, maturity="operation", operation="running",
                     confirmed_on=date(2026, 5, 20))
    return live_server.url, reporting


def test_a_municipality_reports_and_the_project_team_confirms(chromium, adoption_server):
    server, reporting = adoption_server
    solution_path = reporting.solution.url

    member = chromium.new_context(locale="de-DE").new_page()
    member.goto(f"{server}/de/konto/anmelden/")
    member.get_by_label("E-Mail-Adresse").fill(reporting.reporter.email)
    member.locator("#id_password").fill(PASSWORD)
    member.get_by_role("button", name="Anmelden").click()
    member.get_by_role("heading", name="Mein Konto").wait_for()
    member.goto(f"{server}{solution_path}")
    member.get_by_text("Zuletzt bestätigt vom Modellprojekt am 20. Mai 2026.").wait_for()
    member.get_by_role("heading", name="Nutzt Ihre Kommune diese Lösung?").wait_for()
    assert_accessible(member)
    shoot(member, "solution-report-form")

    # Deciding against needs a why: the form answers with its error summary, no script.
    member.get_by_label("Wir haben sie geprüft und uns dagegen entschieden").check()
    member.get_by_role("button", name="Meldung senden").click()
    member.get_by_role("heading", name="Bitte korrigieren Sie Folgendes").wait_for()
    assert_accessible(member)
    shoot(member, "solution-report-errors")

    member.get_by_label("Wir nutzen die Lösung").check()
    member.get_by_label("Warum, in wenigen Worten").fill("Seit März in drei Parkhäusern.")
    member.get_by_label("Ansprechperson").fill("Erika Muster")
    member.get_by_role("button", name="Meldung senden").click()
    member.get_by_text("Vielen Dank.").wait_for()
    member.get_by_text("Die Meldung von Augsburg (In Betrieb) wartet auf die Prüfung").wait_for()
    assert_accessible(member)

    visitor = chromium.new_context(locale="de-DE").new_page()
    visitor.goto(f"{server}{solution_path}")
    assert "Augsburg" not in visitor.locator("#adoptions-heading + *").inner_text()

    team = chromium.new_context(locale="en-GB").new_page()
    team.goto(f"{server}/admin/login/")
    team.locator("#id_username").fill(reporting.team_member.email)
    team.locator("#id_password").fill(PASSWORD)
    team.locator("#id_password").press("Enter")
    team.wait_for_url(f"{server}/admin/")
    team.goto(f"{server}/admin/adoption-reports/")
    row = team.locator("#adoption-reports tbody tr")
    assert row.count() == 1 and "Seit März in drei Parkhäusern." in row.inner_text()
    assert_accessible(team)
    shoot(team, "admin-adoption-reports")
    team.get_by_role("button", name="Confirm the report of Augsburg").click()
    team.get_by_text("Augsburg's report confirmed").wait_for()
    # Axe on the decided list (Wagtail's own success message fades in, and axe measures
    # its contrast mid-fade).
    team.get_by_role("link", name="Decided").click()
    team.get_by_role("cell", name="Confirmed", exact=False).wait_for()
    assert_accessible(team)

    visitor.goto(f"{server}{solution_path}")
    ledger = visitor.locator("#adoptions-heading + ul").inner_text()
    assert "Augsburg (In Betrieb; Quelle: Kommune)" in ledger
    answer = visitor.context.request.get(f"{server}/api/v2/solutions/{reporting.solution.pk}/")
    [entry] = answer.json()["reuse_ledger"]
    assert (entry["municipality"]["name"], entry["source"]) == ("Augsburg", "municipality")
