"""The search index report says why the published objects, the search documents and the
engine differ, and offers to reconcile them now (for operators who may rebuild)."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale, Page, PageViewRestriction

from search.models import SearchDocument
from search.sources import page_key
from search.sync import sync_search_index_now
from tests.home.factories import StandardPageFactory, publish
from tests.search.indexing import index_now

pytestmark = pytest.mark.django_db

REPORT = "/admin/search-index/"
RECONCILE = "/admin/search-index/reconcile/"


@pytest.fixture
def operator(client):
    client.force_login(get_user_model().objects.create_superuser("betrieb", "b@kts.example",
                                                                 "pw"))
    return client


@pytest.fixture
def pages(site, settings):
    settings.SEARCH_BACKEND = "database"
    public = publish(StandardPageFactory(parent=site.root_page, title="Über uns",
                                         slug="ueber-uns"))
    secret = publish(StandardPageFactory(parent=site.root_page, title="Intern",
                                         slug="intern"))
    PageViewRestriction.objects.create(page=secret, restriction_type="password",
                                       password="geheim")
    # wagtail-localize's stand-in for the English page until someone translates it.
    english_home = site.root_page.get_translation(Locale.objects.get(language_code="en"))
    alias = public.create_alias(parent=english_home, update_locale=english_home.locale)
    index_now()
    return {"public": public, "secret": secret, "alias": alias}


def page_row(response, label: str = "Seite") -> str:
    html = re.sub(r"\s+", " ", response.content.decode())
    row = re.search(rf'<th scope="row">{label}</th>(.*?)</tr>', html).group(1)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", row)).strip()


def test_the_report_names_pages_behind_a_password_and_untranslated_aliases(operator, pages):
    response = operator.get(REPORT)
    assert response.status_code == 200
    row = page_row(response)
    assert "1 ist passwortgeschützt: Niemand kann es in der Suche finden. ( Intern )" in row
    assert "1 ist ein Alias einer noch nicht übersetzten Seite" in row
    assert f'href="/admin/pages/{pages["secret"].pk}/edit/"' in response.content.decode()


def test_the_report_names_documents_that_wait_and_those_of_unpublished_pages(operator, pages):
    SearchDocument.objects.filter(key=page_key(pages["public"].pk)).update(stale=True)
    Page.objects.filter(pk=pages["secret"].pk).update(live=False)
    PageViewRestriction.objects.all().delete()
    row = page_row(operator.get(REPORT))
    assert "1 wartet darauf, vom Index-Abgleich erstellt zu werden" in row
    assert "passwortgeschützt" not in row


def test_reconcile_now_mends_and_shows_what_it_did(operator, pages):
    SearchDocument.objects.filter(key=page_key(pages["public"].pk)).delete()
    response = operator.post(RECONCILE, follow=True)
    assert response.redirect_chain[-1] == (REPORT, 302)
    shown = [str(message) for message in response.context["messages"]]
    # The deleted document, and rows for those the source builds none for (the page
    # behind a password), which the database backend drops again at once.
    assert len(shown) == 1
    assert re.fullmatch(r"Datenbank: [1-9]\d* Dokumente fehlten, 0 gab es nicht mehr, 0 "
                        r"wurden neu erstellt\.", shown[0])
    assert SearchDocument.objects.filter(key=page_key(pages["public"].pk),
                                         removed=False).exclude(content_hash="").exists()
    assert "wartet darauf" not in page_row(response)


def test_reconcile_is_a_post(operator, pages):
    assert operator.get(RECONCILE).status_code == 405


@pytest.mark.parametrize("role", ["anonymous", "editor", "reader of the report"])
def test_who_may_not_reconcile(client, pages, role):
    if role != "anonymous":
        user = get_user_model().objects.create_user(role, f"{role[:5]}@kts.example", "pw")
        user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        if role == "reader of the report":
            user.user_permissions.add(Permission.objects.get(codename="view_indexrebuild"))
        client.force_login(user)
    SearchDocument.objects.filter(key=page_key(pages["public"].pk)).delete()
    response = client.post(RECONCILE)
    assert response.status_code in (302, 403)
    if role != "anonymous":
        assert response.status_code == 302 and response["Location"] == "/admin/"
    assert not SearchDocument.objects.filter(key=page_key(pages["public"].pk)).exists()
    if role == "reader of the report":
        assert "Jetzt abgleichen" not in client.get(REPORT).content.decode()


def test_an_operator_with_the_rebuild_right_reconciles(client, pages):
    user = get_user_model().objects.create_user("ops", "ops@kts.example", "pw")
    user.user_permissions.add(*Permission.objects.filter(
        codename__in=["access_admin", "view_indexrebuild", "add_indexrebuild"]))
    client.force_login(user)
    assert "Jetzt abgleichen" in client.get(REPORT).content.decode()
    assert client.post(RECONCILE).status_code == 302


def test_the_reports_queries_do_not_grow_with_the_pages(operator, pages, site):
    def report() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert operator.get(REPORT).status_code == 200
        return len(queries)

    report()
    before = report()
    for number in range(3):
        secret = publish(StandardPageFactory(parent=site.root_page, slug=f"intern-{number}"))
        PageViewRestriction.objects.create(page=secret, restriction_type="password",
                                           password="geheim")
        publish(StandardPageFactory(parent=site.root_page, slug=f"offen-{number}"))
    index_now()
    report()
    assert report() == before


def test_with_the_engine_down_the_report_names_failed_documents_and_reconcile_says_so(
        operator, pages, settings):
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    assert sync_search_index_now(force=True).error
    assert "Dokument hat die Suchmaschine nicht erreicht und wird erneut gesendet." in (
        page_row(operator.get(REPORT)))
    response = operator.post(RECONCILE, follow=True)
    assert response.status_code == 200
    shown = " ".join(str(message) for message in response.context["messages"])
    assert "Suchmaschine" in shown and "ConnectionError" in shown


def test_the_reasons_stay_in_view_on_a_phone(operator, pages):
    """The report's table is the admin's list table: on a phone each content type stacks
    into a card, every figure and the reasons under their column's label (before, the
    table ran past a 390 px screen and "Why they differ" was cut off)."""
    html = operator.get(REPORT).content.decode()
    assert 'class="admin-list" role="region" aria-labelledby="index-report-caption"' in html
    assert '<td data-label="Warum sie abweichen">' in html
    assert '<td data-label="Suchdokumente">' in html
