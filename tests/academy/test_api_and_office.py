"""/api/v2/courses/ and the office's cohorts and exports in the admin, with who may see
them (anonymous, a learner, another learner, the office's editor)."""

from __future__ import annotations

import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from tests.academy.course_helpers import (
    add_module,
    record_attendance,
    register_for_all,
    sessions_of,
)
from tests.community.factories import make_user

pytestmark = pytest.mark.django_db

# The count, the courses with their locale, image and hours (one subquery).
API_LISTING_QUERIES = 2
# The course, its parent (Wagtail's meta) and its modules.
API_DETAIL_QUERIES = 4


def count(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_courses_api_lists_public_course_data(client, academy):
    listing = client.get("/api/v2/courses/?locale=en").json()
    assert [(item["title"], item["hours"]) for item in listing["items"]] == [
        ("Smart City Manager (EN)", 40)]
    detail = client.get(f"/api/v2/courses/{academy['course'].pk}/").json()
    assert [(m["title"], m["hours"], m["series"]) for m in detail["modules"]] == [
        ("Grundlagen", 16, academy["series"][0].pk),
        ("Abschlussprojekt", 24, academy["series"][1].pk)]
    assert detail["modules"][1]["prerequisite_module"] == academy["modules"][0].pk
    assert client.get("/api/v2/courses/?fields=modules").status_code == 400


def test_the_courses_api_query_counts_do_not_grow(client, academy):
    listing, detail = "/api/v2/courses/", f"/api/v2/courses/{academy['course'].pk}/"
    few = (count(client, listing), count(client, detail))
    for number in range(3):
        add_module(academy, number)
    assert (count(client, listing), count(client, detail)) == few == (
        API_LISTING_QUERIES, API_DETAIL_QUERIES)


def test_the_certificate_api_query_count(client, academy, learner, office_client):
    registrations = register_for_all(academy, learner)
    for session, registration in zip(sessions_of(academy), registrations, strict=True):
        record_attendance(office_client, session, [registration])
    code = learner.academy_certificates.get().code
    assert count(client, f"/api/v2/certificates/{code}/") <= 8


def test_the_office_sees_cohorts_and_exports(academy, learner, office, client):
    registrations = register_for_all(academy, learner)
    register_for_all(academy, make_user("zweite"))
    client.force_login(office)  # an editor (the Editors role), not a superuser
    for session, registration in zip(sessions_of(academy), registrations, strict=True):
        record_attendance(client, session, [registration])
    course = academy["course"]
    overview = client.get("/admin/academy/").content.decode()
    assert "Smart City Manager" in overview and "50 %" in overview
    cohort = client.get(f"/admin/academy/{course.pk}/").content.decode()
    assert "1 von 2 Lernenden haben den Kurs abgeschlossen." in cohort
    csv = client.get(f"/admin/academy/{course.pk}/export.csv")
    assert "private, no-store" in csv["Cache-Control"]
    rows = csv.content.decode("utf-8-sig").splitlines()
    assert rows[0].startswith("Name;E-Mail-Adresse;Module abgeschlossen")
    assert rows[1].startswith("Lernende;lernende@demo.example;2/2;40;3;")
    assert rows[2].startswith("Zweite;zweite@demo.example;0/2;0;0;;")
    xlsx = client.get(f"/admin/academy/{course.pk}/export.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet["A2"].value == "Lernende" and sheet["D2"].value == 40
    assert client.get(f"/admin/academy/{course.pk}/export.pdf").status_code == 404
    assert client.get("/admin/academy/999999/").status_code == 404


@pytest.mark.parametrize("who", ["anonymous", "learner", "other learner"])
def test_nobody_else_sees_cohorts_or_exports(academy, learner, client, who):
    register_for_all(academy, learner)
    if who != "anonymous":
        client.force_login(learner if who == "learner" else make_user("andere"))
    course = academy["course"]
    for url in ("/admin/academy/", f"/admin/academy/{course.pk}/",
                f"/admin/academy/{course.pk}/export.csv"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert b"lernende@demo.example" not in response.content
