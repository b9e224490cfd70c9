"""Index health in the Wagtail admin, and "similar solutions" on solution pages."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from search.models import SearchDocument
from search.sync import sync_search_index_now
from tests.home.factories import publish
from tests.search.indexing import index_now

pytestmark = pytest.mark.django_db

DOWN = "http://127.0.0.1:9"


@pytest.fixture
def admin_client(client, db):
    admin = get_user_model().objects.create_superuser("admin", "admin@kts.example", "x")
    client.force_login(admin)
    return client


def test_index_health_counts_per_type_and_shows_failed_jobs(admin_client, knowledge, settings):
    settings.ELASTICSEARCH_URL = DOWN
    assert sync_search_index_now(force=True).error
    html = admin_client.get("/admin/search-index/").content.decode()
    assert "unreachable" in html or "nicht erreichbar" in html
    assert "Lösung" in html or "Solution" in html
    assert "ConnectionError" in html  # the failed jobs list their last error
    assert SearchDocument.objects.filter(attempts=1).count() == 7


def test_index_health_is_for_operators_only(client, knowledge):
    editor = get_user_model().objects.create_user("redaktion", password="x")
    client.force_login(editor)
    assert client.get("/admin/search-index/").status_code in (302, 403)


def test_solution_page_shows_similar_solutions_the_reader_may_see(client, knowledge, settings):
    settings.SEARCH_BACKEND = "database"
    knowledge["voting"].topics.add(knowledge["mobility"])
    publish(knowledge["voting"])
    knowledge["secret"].topics.add(knowledge["mobility"])
    publish(knowledge["secret"])
    index_now()
    html = client.get(knowledge["parking"].url).content.decode()
    assert 'id="similar-heading"' in html
    section = html.split('id="similar-heading"')[1].split("</section>")[0]
    assert "Bürgerbeteiligung online" in section
    assert "Geheimprojekt" not in section


def test_wagtails_own_admin_search_keeps_working(admin_client, knowledge):
    response = admin_client.get("/admin/pages/search/?q=Parken")
    assert response.status_code == 200
    assert "Digitales Parken in der Straße" in response.content.decode()
