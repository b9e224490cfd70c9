"""A learner completes the course (attendance recorded by the office), downloads the
certificate, and its verification URL confirms it; an invented code is unknown."""

from __future__ import annotations

import io

import pytest
import time_machine
from django.utils import timezone
from pypdf import PdfReader

from academy.models import Certificate
from tests.academy.course_helpers import record_attendance, register_for_all, sessions_of
from tests.community.factories import make_user


def _attend_everything(academy, learner, office_client):
    registrations = {r.event_id: r for r in register_for_all(academy, learner)}
    for session in sessions_of(academy):
        response = record_attendance(office_client, session, [registrations[session.pk]])
        assert response.status_code == 302


def test_a_learner_completes_the_course_and_the_certificate_verifies(
        academy, learner, office_client, client):
    registrations = {r.event_id: r for r in register_for_all(academy, learner)}
    sessions = sessions_of(academy)
    # All but the final module's session: no certificate yet.
    for session in sessions[:-1]:
        record_attendance(office_client, session, [registrations[session.pk]])
    assert not Certificate.objects.exists()

    record_attendance(office_client, sessions[-1], [registrations[sessions[-1].pk]])
    certificate = Certificate.objects.get()
    assert (certificate.learner, certificate.hours, certificate.holder_name) == (
        learner, 40, "Lernende")
    assert certificate.issued_on.isoformat() == "2026-06-10"

    client.force_login(learner)
    progress = client.get("/de/akademie/mein-fortschritt/").content.decode()
    assert "40 von 40 Stunden abgeschlossen." in progress
    assert certificate.code in progress

    pdf = client.get(f"/de/akademie/zertifikate/{certificate.code}.pdf")
    assert pdf.status_code == 200
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Cache-Control"] == "private, no-store"
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "Lernende" in text and "Smart City Manager" in text and "40" in text
    verification = f"/de/akademie/zertifikate/{certificate.code}/"
    assert certificate.code in text and verification in text

    client.logout()
    page = client.get(verification)
    assert page.status_code == 200
    shown = page.content.decode()
    assert "Dieses Zertifikat ist gültig." in shown
    assert "Lernende" in shown and "Smart City Manager" in shown and "10. Juni 2026" in shown


def test_the_certificate_is_in_the_learners_language(academy, office_client, client):
    learner = make_user("learner")
    learner.member_profile.language = "en"
    learner.member_profile.save()
    _attend_everything(academy, learner, office_client)
    certificate = Certificate.objects.get()
    assert (certificate.language, certificate.course_title) == ("en", "Smart City Manager (EN)")
    # Letters on both sides of each hyphen: the code that textwrap used to split.
    Certificate.objects.filter(pk=certificate.pk).update(code="ABCD-EFGH-JKMN-PQRS")
    certificate.refresh_from_db()
    client.force_login(learner)
    pdf = client.get(f"/en/academy/certificates/{certificate.code}.pdf")
    text = PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text()
    assert "has completed the course" in text
    assert f"/en/academy/certificates/{certificate.code}/" in text


@pytest.mark.parametrize("code", ["ABCD-EFGH-JKMN-PQRS", "abcd-efgh-jkmn-0000", "nonsense",
                                  "A" * 300])
def test_an_invented_code_is_unknown(academy, client, code):
    response = client.get(f"/de/akademie/zertifikate/{code}/")
    assert response.status_code == 404
    assert "Dieses Zertifikat ist unbekannt." in response.content.decode()
    api = client.get(f"/api/v2/certificates/{code}/")
    assert api.status_code == 404
    assert api["Content-Type"] == "application/json"
    if "-" in code:  # shaped like a code: the message says so
        assert api.json()["message"].startswith("Dieses Zertifikat ist unbekannt")


def test_codes_are_unguessable_and_distinct(academy, office_client):
    learners = [make_user(f"person{number}") for number in range(3)]
    for learner in learners:
        _attend_everything(academy, learner, office_client)
    codes = list(Certificate.objects.values_list("code", flat=True))
    assert len(set(codes)) == 3
    assert all(len(code) == 19 and code.count("-") == 3 for code in codes)


def test_verification_is_rate_limited(academy, client):
    # The clock stands still, so that the 21 requests fall in one minute's window
    # however slowly the machine runs them.
    with time_machine.travel(timezone.now().replace(second=0), tick=False):
        statuses = [client.get("/de/akademie/zertifikate/ABCD-EFGH-JKMN-PQRS/").status_code
                    for _ in range(21)]
        assert statuses[:20] == [404] * 20 and statuses[20] == 429
        assert client.get("/api/v2/certificates/ABCD-EFGH-JKMN-PQRS/").status_code == 429


def test_the_certificate_api_confirms_a_real_code(academy, learner, office_client, client):
    _attend_everything(academy, learner, office_client)
    certificate = Certificate.objects.get()
    answer = client.get(f"/api/v2/certificates/{certificate.code}/",
                        HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 200
    assert answer.json() == {
        "code": certificate.code, "holder_name": "Lernende",
        "course": {"id": academy["course_en"].pk, "title": "Smart City Manager (EN)"},
        "issued_on": "2026-06-10", "hours": 40}


def test_absence_from_one_session_issues_nothing(academy, learner, office_client):
    registrations = {r.event_id: r for r in register_for_all(academy, learner)}
    sessions = sessions_of(academy)
    for session in sessions:
        present = [] if session == sessions[0] else [registrations[session.pk]]
        record_attendance(office_client, session, present)
    assert not Certificate.objects.exists()

