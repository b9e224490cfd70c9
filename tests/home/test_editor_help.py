"""Editor fields that need it say what they are for (the summary, the maturity steps,
that times are German local time), and fields with a limit count their characters."""

from __future__ import annotations

import html

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from tests.events.factories import event_calendar
from tests.home.factories import publish
from tests.repository.factories import ModelProjectIndexPageFactory, ModelProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    user = get_user_model().objects.create_user("redaktion", "r@kts.example", "pw")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


def editor_page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_solution_editor_explains_summary_and_maturity(editor, site):
    projects = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    ulm = publish(ModelProjectPageFactory(parent=projects, slug="ulm"))
    page = editor_page(editor, f"/admin/pages/add/repository/solutionpage/{ulm.pk}/")
    assert "Zwei, drei Sätze, die sagen, worum es geht und für wen" in page
    assert "P3 Pilot: im Echtbetrieb, begrenzt auf eine Zeit, einen Ort oder eine Gruppe." in page
    assert 'maxlength="600"' in page


def test_the_event_editor_says_times_are_german_local_time(editor, site):
    calendar = event_calendar(site)
    page = editor_page(editor, f"/admin/pages/add/events/eventpage/{calendar.pk}/")
    assert page.count("Deutsche Ortszeit (Europe/Berlin)") == 3  # start, end, deadline


def test_the_editors_count_characters_in_the_admins_language(editor, site):
    page = editor_page(editor, f"/admin/pages/{site.root_page.pk}/edit/")
    assert "home/admin/character_count" in page
    assert 'data-template="%(count)s von %(max)s Zeichen"' in page
