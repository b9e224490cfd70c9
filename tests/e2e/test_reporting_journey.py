"""A reporting round in a real Chromium: the office opens a round in the admin, the
project's lead fills the report in German (a draft first, then submitted), an editor
accepts it on the status board, the solution's page shows the new maturity and the day
it was last confirmed, and the office's evaluation counts the report and its move. Axe
checks the report form, the status board and the evaluation; screenshots at 390 and
1366 px go to SCREENSHOT_DIR when it is set."""

from __future__ import annotations

import json
import os
import re
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import formats, timezone, translation
from wagtail.models import Locale
from wagtail.users.models import UserProfile

from community.models import MemberProfile
from repository.models import Indicator, Report, ReportStatus, SolutionPage, TeamMember, TeamRole
from tests.e2e.accessibility import assert_accessible
from tests.home.factories import bilingual_site, publish
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    SolutionPageFactory,
    TopicFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "Sichere-Passphrase-2026"
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")
VNU = Path(settings.BASE_DIR) / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def person(django_user_model, email: str, name: str):
    user = django_user_model.objects.create_user(email, email, PASSWORD)
    MemberProfile.objects.create(user=user, display_name=name)
    return user


@pytest.fixture
def reporting_server(live_server, django_user_model):
    site = bilingual_site()
    index = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    ulm = publish(ModelProjectPageFactory(parent=index, slug="ulm", title="Zukunftsstadt Ulm"))
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    parking = SolutionPageFactory(parent=ulm, model_project=ulm, slug="parken",
                                  title="Freie Parkplätze in Echtzeit", maturity="pilot")
    parking.topics.add(mobility)
    publish(parking)
    publish(SolutionPageFactory(parent=ulm, model_project=ulm, slug="akte",
                                title="Digitale Bauakte", maturity="prototype"))
    Indicator.objects.create(topic=mobility, name="Nutzende pro Monat", unit="Personen",
                             target=Decimal(5000), locale=Locale.objects.get(language_code="de"))
    lead = person(django_user_model, "leitung@ulm.example", "Paula Roth")
    TeamMember.objects.create(project=ulm, user=lead, role=TeamRole.LEAD)
    editor = person(django_user_model, "redaktion@kts.example", "Ruth Redaktion")
    editor.groups.add(Group.objects.get(name="Editors"))
    profile = UserProfile.get_for_user(editor)
    profile.preferred_language = "de"
    profile.save()
    return live_server.url


def shoot(page, name: str) -> None:
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        overflow = page.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways at {width} px"
        if SCREENSHOTS:
            page.screenshot(path=f"{SCREENSHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def html_errors(html: str, folder: Path) -> list[str]:
    """The Nu HTML Checker's errors in ``html`` (warnings left aside)."""
    document = folder / "report-form.html"
    document.write_text(html, encoding="utf-8")
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--stdout",
                             str(document)], capture_output=True, text=True, check=False,
                            timeout=300)
    return [f"line {message.get('lastLine')}: {message['message']}"
            for message in json.loads(result.stdout)["messages"]
            if message.get("type") == "error"]


def sign_in_to_admin(page, server: str, email: str) -> None:
    page.goto(f"{server}/admin/login/")
    page.locator("#id_username").fill(email)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#id_password").press("Enter")
    page.wait_for_url(f"{server}/admin/")


def test_a_round_from_opening_to_the_accepted_report(browser_page, chromium, reporting_server,
                                                     tmp_path):
    server, office = reporting_server, browser_page
    sign_in_to_admin(office, server, "redaktion@kts.example")
    office.goto(f"{server}/admin/snippets/repository/reportinground/add/")
    office.locator("#id_title").fill("Bericht 2026-2")
    office.locator("#id_opens_on").fill("2026-06-01")
    office.locator("#id_due_on").fill("2026-06-30")
    office.locator("#id_questions").fill("Was hat Sie überrascht?")
    office.get_by_role("button", name="Speichern").click()
    office.get_by_text("Bericht 2026-2").first.wait_for()
    report = Report.objects.get(round__title="Bericht 2026-2")

    lead = chromium.new_context(locale="de-DE").new_page()
    lead.goto(f"{server}/de/konto/anmelden/")
    lead.get_by_label("E-Mail-Adresse").fill("leitung@ulm.example")
    lead.locator("#id_password").fill(PASSWORD)
    lead.get_by_role("main").get_by_role("button", name="Anmelden").click()
    lead.get_by_role("heading", name="Mein Konto", level=1).wait_for()
    lead.goto(f"{server}/de/berichte/")
    lead.get_by_role("link", name="Bericht 2026-2: Zukunftsstadt Ulm").click()
    lead.get_by_role("heading", name="Bericht 2026-2: Zukunftsstadt Ulm", level=1).wait_for()
    parking = SolutionPage.objects.get(slug="parken", locale__language_code="de")
    lead.get_by_label("Fortschritt des Projekts seit dem letzten Bericht").fill(
        "Die Sensoren laufen in der ganzen Altstadt.")
    lead.locator(f"#id_s{parking.pk}_maturity").select_option(label="P4 – Regelbetrieb")
    lead.locator(f"#id_s{parking.pk}_costs_so_far").fill("120000,50")
    lead.get_by_label("Nutzende pro Monat (Personen)").fill("4200")
    lead.get_by_role("button", name="Als Entwurf speichern").click()
    lead.get_by_text("Ihr Entwurf ist gespeichert.").wait_for()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.DRAFT
    assert_accessible(lead)
    assert html_errors(lead.content(), tmp_path) == []
    shoot(lead, "report-form")

    # Submitting without saying whether the solutions still run is refused, with links.
    lead.get_by_role("button", name="Bei der Geschäftsstelle einreichen").click()
    lead.get_by_role("heading", name="Bitte korrigieren Sie Folgendes").wait_for()
    assert_accessible(lead)
    for fieldset in lead.locator("fieldset:has(legend:text('Noch in Betrieb?'))").all():
        fieldset.get_by_label("Ja, wie bisher").check()
    lead.get_by_role("button", name="Bei der Geschäftsstelle einreichen").click()
    lead.get_by_text("Der Bericht ist bei der Geschäftsstelle eingereicht.").wait_for()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.SUBMITTED

    office.goto(f"{server}/admin/reporting/?round={report.round_id}")
    office.get_by_role("cell", name="Eingereicht").wait_for()
    assert_accessible(office)
    shoot(office, "reporting-board")
    office.get_by_role("region", name="Berichte der Runde „Bericht 2026-2“").get_by_role(
        "link", name=re.compile("Prüfen.*Zukunftsstadt Ulm")).click()
    office.get_by_text("Die Sensoren laufen in der ganzen Altstadt.").wait_for()
    assert_accessible(office)
    office.get_by_role("button", name="Annehmen und Lösungen bestätigen").click()
    office.get_by_text("Der Bericht ist angenommen").wait_for()
    assert Report.objects.get(pk=report.pk).status == ReportStatus.ACCEPTED

    lead.goto(f"{server}/de/projekte/ulm/parken/")
    lead.get_by_text("Regelbetrieb").first.wait_for()
    with translation.override("de"):
        today = formats.date_format(timezone.localdate(), "DATE_FORMAT")  # the frozen clock's
    lead.get_by_text(f"Zuletzt bestätigt vom Modellprojekt am {today}.").wait_for()

    # The evaluation counts the accepted report and the parking solution's move P3 → P4.
    office.goto(f"{server}/admin/reporting/?round={report.round_id}")
    office.get_by_role("link", name="Auswertung dieser Runde").click()
    office.get_by_role("heading", name="Bericht 2026-2", level=2).wait_for()
    counts = office.locator(".reporting-counts")
    assert "Angenommene Berichte: 1" in counts.inner_text()
    assert "Reifegrad-Sprünge: 1" in counts.inner_text()
    moves = office.locator("#chart-evaluation-moves")
    moves.get_by_text("Zahlen als Tabelle anzeigen").click()
    assert moves.get_by_role("row", name="P3 → P4 1").is_visible()
    assert_accessible(office)
    shoot(office, "evaluation")
