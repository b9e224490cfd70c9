"""The course listing, a course and a module page, the learner's progress page and who
may see what (anonymous, another learner, the office's editor); SQL pinned."""

from __future__ import annotations

import pytest

from academy.models import Certificate
from tests.academy.course_helpers import (
    add_module,
    record_attendance,
    register_for_all,
    sessions_of,
)
from tests.community.factories import make_user
from tests.queries import warm_query_count

# The site frame and the page come from the content cache. The listing: its courses,
# and every course's modules (for their number and hours) in one query.
ACADEMY_QUERIES = 2
# Anonymous: the course's modules, their series' originals, the sessions.
COURSE_QUERIES = 3
# A member: the session and user, the profile for the header, the member's
# registrations and certificates, and the account's counts.
COURSE_MEMBER_QUERIES = 10
# The courses the learner is in (registrations to series to modules to courses, and the
# certificates), then their progress as on the course page.
PROGRESS_QUERIES = 15


def test_the_listing_shows_each_course_with_modules_and_hours(client, academy):
    html = client.get("/de/akademie/").content.decode()
    assert "Smart City Manager" in html and "2 Module, 40 Stunden" in html
    english = client.get("/en/academy/").content.decode()
    assert "Smart City Manager (EN)" in english and "2 modules, 40 hours" in english


def test_the_course_page_shows_modules_sessions_and_the_final_module(client, academy):
    html = client.get("/de/akademie/smart-city-manager/").content.decode()
    assert html.index("Grundlagen") < html.index("Abschlussprojekt") < html.index(
        "24 Stunden · Abschlussmodul")
    assert html.count("Sitzung 1") == 2 and "Sitzung 2" in html
    assert "Ihr Fortschritt" not in html  # nothing personal for the anonymous


def test_the_module_page_shows_material_and_its_prerequisite(client, academy):
    final = academy["modules"][1]
    final.material = [("video", {"url": "https://video.example/abschluss", "label": "Einführung",
                                 "duration": "12 Min."}),
                      ("link", {"url": "https://leitfaden.example/", "label": "Leitfaden"})]
    final.save_revision().publish()
    html = client.get("/de/akademie/smart-city-manager/abschluss/").content.decode()
    assert "Lernmaterial" in html and "Einführung" in html and "(Video, 12 Min.)" in html
    assert "Leitfaden" in html and "Vorher abschließen" in html and "Grundlagen" in html


def test_a_learner_sees_what_is_missing(client, academy, learner, office_client):
    registrations = register_for_all(academy, learner)
    first = sessions_of(academy)[0]
    record_attendance(office_client, first, [registrations[0]])
    client.force_login(learner)
    html = client.get("/de/akademie/mein-fortschritt/").content.decode()
    assert "0 von 40 Stunden abgeschlossen." in html
    assert "1 von 2 Sitzungen besucht" in html and "Es fehlt noch:" in html
    assert "Schließen Sie zuerst „Grundlagen“ ab." in html
    course = client.get("/de/akademie/smart-city-manager/").content.decode()
    assert "Ihr Fortschritt" in course and "Teilgenommen" in course


def test_progress_is_for_the_signed_in_learner_alone(client, academy, learner, office_client):
    registrations = register_for_all(academy, learner)
    for session, registration in zip(sessions_of(academy), registrations, strict=True):
        record_attendance(office_client, session, [registration])
    code = Certificate.objects.get().code
    # Anonymous: to the sign-in, with nothing of the learner.
    for url in ("/de/akademie/mein-fortschritt/", f"/de/akademie/zertifikate/{code}.pdf"):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith("/de/konto/anmelden/?next=")
    # Another learner: their own (empty) progress; the certificate is not found.
    client.force_login(make_user("andere"))
    html = client.get("/de/akademie/mein-fortschritt/").content.decode()
    assert code not in html and "noch für keine Sitzung" in html
    assert client.get(f"/de/akademie/zertifikate/{code}.pdf").status_code == 404
    # The office's editor (a superuser) downloads no one else's certificate either.
    assert office_client.get(f"/de/akademie/zertifikate/{code}.pdf").status_code == 404


def test_query_counts_stay_the_same_with_more_modules(client, academy, learner):
    register_for_all(academy, learner)
    counts = {"academy": warm_query_count(client, "/de/akademie/"),
              "course": warm_query_count(client, "/de/akademie/smart-city-manager/")}
    client.force_login(learner)
    counts["member"] = warm_query_count(client, "/de/akademie/smart-city-manager/")
    counts["progress"] = warm_query_count(client, "/de/akademie/mein-fortschritt/")
    for number in range(3):
        add_module(academy, number)
    register_for_all(academy, make_user("zweite"))
    client.logout()
    more = {"academy": warm_query_count(client, "/de/akademie/"),
            "course": warm_query_count(client, "/de/akademie/smart-city-manager/")}
    client.force_login(learner)
    more["member"] = warm_query_count(client, "/de/akademie/smart-city-manager/")
    more["progress"] = warm_query_count(client, "/de/akademie/mein-fortschritt/")
    assert counts == more == {"academy": ACADEMY_QUERIES, "course": COURSE_QUERIES,
                              "member": COURSE_MEMBER_QUERIES, "progress": PROGRESS_QUERIES}


pytestmark = pytest.mark.django_db
