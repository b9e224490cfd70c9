"""Municipalities report their own adoptions: who may report, who may confirm or reject,
and that nothing shows publicly before a confirmation (page, API, ledger, search)."""

import pytest
from django.core import mail
from django.urls import reverse

from community.models import Notification
from home.page_cache import HIT_HEADER
from repository.models import Adoption
from repository.models.adoptions import AdoptionSource, ReviewState
from tests.repository.adoption_helpers import reporting_setup

pytestmark = pytest.mark.django_db

REPORT = {"status": "in_operation", "reason": "Seit dem Frühjahr im Einsatz.",
          "contact_name": "Erika Muster", "contact_email": "e.muster@augsburg.example"}


@pytest.fixture
def reporting(site):
    return reporting_setup(site)


def report_url(solution):
    return reverse("repository:report_adoption", args=[solution.pk])


def decide_url(adoption):
    return reverse("repository_adoption_reports:decide", args=[adoption.pk])


def ledger_of(client, page):
    return client.get(f"/api/v2/solutions/{page.pk}/").json()["reuse_ledger"]


def public_reports(client):
    return client.get("/api/v2/adoption-reports/").json()["items"]


def test_a_report_waits_unseen_until_the_project_team_confirms_it(
        client, reporting, django_capture_on_commit_callbacks):
    client.force_login(reporting.reporter)
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(report_url(reporting.english), REPORT)
    assert answer.status_code == 302
    adoption = Adoption.objects.get()
    # Recorded against the original, whichever language it was reported in.
    assert (adoption.solution_id, adoption.municipality.name) == (reporting.solution.pk,
                                                                  "Augsburg")
    assert (adoption.source, adoption.review_state) == ("municipality", "pending")
    assert adoption.reported_by == reporting.reporter
    # The developing project's team hears of it, in the member's language (English).
    notice = Notification.objects.get(recipient=reporting.team_member)
    assert notice.text.startswith("Augsburg reports on “Free parking spaces in real time”: "
                                  "We use this.")
    assert [message.to for message in mail.outbox] == [[reporting.team_member.email]]
    assert not Notification.objects.filter(recipient=reporting.other_team).exists()

    client.logout()
    assert "Augsburg" not in client.get(reporting.solution.url).text
    assert ledger_of(client, reporting.solution) == []
    assert public_reports(client) == []

    client.force_login(reporting.team_member)
    listing = client.get(reverse("repository_adoption_reports:list"))
    assert "Augsburg" in listing.text and "Seit dem Frühjahr" in listing.text
    assert client.post(decide_url(adoption), {"decision": "confirm"}).status_code == 302
    adoption.refresh_from_db()
    assert (adoption.review_state, adoption.decided_by) == ("confirmed",
                                                            reporting.team_member)

    client.logout()
    for page in (reporting.solution, reporting.english):
        assert "Augsburg" in client.get(page.url).text
        assert ledger_of(client, page) == [{
            "municipality": {"id": adoption.municipality_id, "name": "Augsburg",
                             "ags": "09761000"},
            "status": "in_operation", "since": None, "source": "municipality",
            "reason": "Seit dem Frühjahr im Einsatz."}]
    [public] = public_reports(client)
    assert (public["solution"], public["source"], public["review_state"]) == (
        reporting.solution.pk, "municipality", "confirmed")
    assert "contact_email" not in public


def test_editor_rejects_and_the_report_never_appears(client, reporting):
    adoption = Adoption.objects.create(
        solution=reporting.solution, municipality=reporting.reporter.member_profile.municipality,
        status="in_progress", source=AdoptionSource.MUNICIPALITY,
        review_state=ReviewState.PENDING, reported_by=reporting.reporter)
    client.force_login(reporting.editor)
    assert client.post(decide_url(adoption), {"decision": "reject"}).status_code == 302
    assert Adoption.objects.get().review_state == "rejected"
    # Decided once: a second decision changes nothing.
    client.post(decide_url(adoption), {"decision": "confirm"})
    assert Adoption.objects.get().review_state == "rejected"
    client.logout()
    assert "Augsburg" not in client.get(reporting.solution.url).text
    assert ledger_of(client, reporting.solution) == [] and public_reports(client) == []


@pytest.mark.parametrize("who", ["other_team", "plain_member", "reporter", None])
def test_only_editors_and_the_own_team_decide(client, reporting, who):
    adoption = Adoption.objects.create(
        solution=reporting.solution, municipality=reporting.reporter.member_profile.municipality,
        status="in_progress", source=AdoptionSource.MUNICIPALITY,
        review_state=ReviewState.PENDING, reported_by=reporting.reporter)
    if who:
        client.force_login(getattr(reporting, who))
    answer = client.post(decide_url(adoption), {"decision": "confirm"})
    listing = client.get(reverse("repository_adoption_reports:list"))
    assert Adoption.objects.get().review_state == "pending"
    if who == "other_team":  # in the admin, but the report of another project is not there
        assert answer.status_code == 404
        assert listing.status_code == 200 and "Augsburg" not in listing.text
    else:  # no admin access at all: sent to the admin's sign-in
        assert answer.status_code == 302 and "/admin/login/" in answer["Location"]
        assert listing.status_code == 302


def test_bad_decision_is_refused(client, reporting):
    adoption = Adoption.objects.create(
        solution=reporting.solution, municipality=reporting.reporter.member_profile.municipality,
        status="in_progress", source=AdoptionSource.MUNICIPALITY,
        review_state=ReviewState.PENDING, reported_by=reporting.reporter)
    client.force_login(reporting.editor)
    answer = client.post(decide_url(adoption), {"decision": "publish"}, follow=True)
    assert "Choose to confirm or to reject" in answer.text or "bestätigen oder ablehnen" in \
        answer.text
    assert Adoption.objects.get().review_state == "pending"
    assert client.get(decide_url(adoption)).status_code == 405


@pytest.mark.parametrize(("who", "status"), [
    (None, 302),             # anonymous: to the sign-in
    ("plain_member", 403),   # no municipality in the profile
    ("ulm_member", 403),     # the municipality that developed it
])
def test_who_may_not_report(client, reporting, who, status):
    if who:
        client.force_login(getattr(reporting, who))
    answer = client.post(report_url(reporting.solution), REPORT)
    assert answer.status_code == status
    if status == 302:
        assert reverse("community:login") in answer["Location"]
    assert not Adoption.objects.exists()


@pytest.mark.parametrize("change", [
    {"status": ""},
    {"status": "planned"},                          # not a choice a municipality reports
    {"status": "dropped", "reason": "  "},          # deciding against needs a why
    {"reason": "x" * 1001},
    {"contact_email": "keine-adresse"},
    {"contact_name": "", "contact_email": "a@b.example"},
])
def test_bad_report_is_refused_and_changes_nothing(client, reporting, change):
    client.force_login(reporting.reporter)
    answer = client.post(report_url(reporting.solution), {**REPORT, **change})
    assert answer.status_code == 400
    assert 'id="error-summary"' in answer.text
    assert not Adoption.objects.exists() and not Notification.objects.exists()


def test_a_municipality_reports_once_and_not_too_often(client, reporting):
    client.force_login(reporting.reporter)
    assert client.post(report_url(reporting.solution), REPORT).status_code == 302
    again = client.post(report_url(reporting.english), REPORT)
    assert again.status_code == 403  # the page says the report waits for review
    assert "waiting for review" in again.text or "wartet" in again.text
    assert Adoption.objects.count() == 1


def test_reports_are_rate_limited(client, reporting, settings):
    client.force_login(reporting.reporter)
    Adoption.objects.all().delete()
    answers = []
    for _ in range(11):
        answers.append(client.post(report_url(reporting.solution), REPORT).status_code)
        Adoption.objects.all().delete()  # each time a fresh report
    assert answers[:10] == [302] * 10 and answers[10] == 429


def test_the_solution_page_offers_the_form_to_members_only(client, reporting, settings):
    settings.PAGE_CACHE_SECONDS = 60  # on, as in production
    client.get(reporting.solution.url)  # the site's first request creates its settings
    anonymous = client.get(reporting.solution.url)
    assert "Sign in" in anonymous.text or "Melden Sie sich" in anonymous.text \
        or "Anmelden" in anonymous.text
    assert "csrfmiddlewaretoken" not in anonymous.text
    assert client.get(reporting.solution.url)[HIT_HEADER] == "hit"  # still cached

    client.force_login(reporting.reporter)
    page = client.get(reporting.solution.url)
    assert f'action="{report_url(reporting.solution)}"' in page.text
    assert "csrfmiddlewaretoken" in page.text
    assert page.get(HIT_HEADER) is None and "private" in page["Cache-Control"]


def test_api_members_report_and_the_public_reads_confirmed_ones(client, reporting):
    url = "/api/v2/adoption-reports/"
    body = {"solution": reporting.english.pk, "status": "dropped",
            "reason": "Zu teuer für uns."}
    assert client.post(url, body, content_type="application/json").status_code in (401, 403)
    client.force_login(reporting.plain_member)
    assert client.post(url, body, content_type="application/json").status_code == 403
    client.force_login(reporting.reporter)
    for bad in ({**body, "status": "planned"}, {**body, "reason": ""},
                {**body, "solution": "zwei"}, {"status": "dropped"}):
        answer = client.post(url, bad, content_type="application/json")
        assert answer.status_code == 400 and answer.json()["message"]
    assert client.post(url, {**body, "solution": 99_999},
                       content_type="application/json").status_code == 404
    assert not Adoption.objects.exists()

    created = client.post(url, body, content_type="application/json")
    assert created.status_code == 201
    assert (created.json()["review_state"], created.json()["source"]) == ("pending",
                                                                          "municipality")
    assert client.get(url).json()["items"] == []
    Adoption.objects.update(review_state=ReviewState.CONFIRMED)
    client.logout()
    [item] = client.get(url, {"solution": reporting.english.pk}).json()["items"]
    assert (item["status"], item["reason"]) == ("dropped", "Zu teuer für uns.")
    assert client.get(url, {"solution": "x"}).status_code == 400
    page = client.get(reporting.solution.url).text
    assert "Zu teuer für uns." in page  # among those that decided against it
