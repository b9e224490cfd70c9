"""The Akademie's demo: the Smart City Manager course (5 modules, 40 hours) in German
and English, a learner who completed it with a certificate that verifies, and one
part-way through."""

from __future__ import annotations

import pytest

from academy.models import Certificate, CourseModulePage, CoursePage
from tests.demo import install_demo

pytestmark = pytest.mark.django_db


def test_demo_has_the_smart_city_manager_course_in_both_languages(client):
    install_demo("home", "community", "repository", "events", "academy")
    for language, title in (("de", "Smart City Manager"), ("en", "Smart City Manager")):
        course = CoursePage.objects.get(locale__language_code=language, alias_of__isnull=True)
        assert course.title == title and course.hours == 40
        modules = CourseModulePage.objects.filter(locale__language_code=language,
                                                  alias_of__isnull=True)
        assert modules.count() == 5
    english = client.get("/en/academy/smart-city-manager/").content.decode()
    assert "5 modules, 40 hours" in english and "Final project" in english
    german = client.get("/de/akademie/smart-city-manager/strategie/").content.decode()
    assert "Handreichung: Strategie und Governance" in german and "(Video, 25 Min.)" in german

    certificate = Certificate.objects.get()
    assert (certificate.holder_name, certificate.hours) == ("Lea Schmidt", 40)
    page = client.get(f"/en/academy/certificates/{certificate.code}/").content.decode()
    assert "This certificate is valid." in page and "Lea Schmidt" in page

    client.force_login(certificate.learner.__class__.objects.get(
        email="sabine.hofmann@hassfurt.demo.example"))
    progress = client.get("/de/akademie/mein-fortschritt/").content.decode()
    assert "24 von 40 Stunden abgeschlossen." in progress and "Es fehlt noch:" in progress
