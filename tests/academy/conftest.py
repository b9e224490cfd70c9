"""A bilingual Akademie with one course of two modules; each module's sessions are an
event series in the calendar whose sessions are over (so the office may record
attendance), and a learner registered for all of them."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client

from academy.models import AcademyIndexPage, CourseModulePage, CoursePage
from tests.academy.course_helpers import add_page
from tests.community.factories import make_user
from tests.events.factories import event_calendar, make_series
from tests.home.factories import translate


@pytest.fixture
def academy(site):
    calendar = event_calendar(site)
    index = add_page(site.root_page, AcademyIndexPage(
        title="Smart City Akademie", slug="akademie", intro="Qualifizierung für Kommunen"))
    index_en = translate(index, "en", title="Smart City Academy", slug="academy")
    course = add_page(index, CoursePage(title="Smart City Manager", slug="smart-city-manager",
                                        summary="Fünf Module für kommunale Manager."))
    first_series = make_series(calendar, title="Modul 1: Grundlagen", sessions=2,
                               first_in_days=-40, slug="modul-1")
    final_series = make_series(calendar, title="Modul 2: Abschluss", sessions=1,
                               first_in_days=-5, slug="modul-2")
    basics = add_page(course, CourseModulePage(
        title="Grundlagen", slug="grundlagen", summary="Was eine Smart City ausmacht.",
        hours=16, series=first_series))
    final = add_page(course, CourseModulePage(
        title="Abschlussprojekt", slug="abschluss", summary="Das eigene Projekt.",
        hours=24, series=final_series, prerequisite_module=basics))
    course_en = translate(course, "en", title="Smart City Manager (EN)",
                          slug="smart-city-manager-en", summary="Five modules for managers.")
    translate(basics, "en", title="Basics", slug="basics")
    translate(final, "en", title="Final project", slug="final-project")
    return {"calendar": calendar, "index": index, "index_en": index_en, "course": course,
            "course_en": course_en, "modules": [basics, final],
            "series": [first_series, final_series]}


@pytest.fixture
def office_client(db):
    """The office's editor (a superuser) in a browser of their own, beside ``client``."""
    office = Client()
    office.force_login(get_user_model().objects.create_superuser(
        "redaktion", "r@kts.example", "pw"))
    return office


@pytest.fixture
def learner(db):
    return make_user("lernende")


@pytest.fixture
def office(db):
    """An editor of the office (the Editors role as the migrations made it)."""
    user = make_user("buero")
    user.groups.add(Group.objects.get(name="Editors"))
    return user
