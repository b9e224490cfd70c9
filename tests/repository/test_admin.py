"""Editors create, publish and translate every repository page type in the admin."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from repository.models import ModelProjectPage, PublicationPage, SolutionPage
from tests.community.factories import MunicipalityFactory
from tests.home.factories import publish
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    PublicationIndexPageFactory,
    TopicFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    client.force_login(get_user_model().objects.create_superuser("redaktion", "r@kts.example",
                                                                 "pw"))
    return client


def add_page(client, model_name, parent, fields):
    url = reverse("wagtailadmin_pages:add", args=("repository", model_name, parent.id))
    # Multiple choices go as repeated keys; nested_form_data would number them instead.
    choices = {name: value for name, value in fields.items() if isinstance(value, list)}
    plain = {name: value for name, value in fields.items() if name not in choices}
    return client.post(url, {**nested_form_data({**plain, "action-publish": "publish"}),
                             **choices})


def translate_page(client, page):
    english = Locale.objects.get(language_code="en")
    url = reverse("wagtail_localize:submit_page_translation", args=(page.id,))
    response = client.post(url, {"locales": [english.id], "include_subtree": ""})
    assert response.status_code == 302
    return Page.objects.get(translation_key=page.translation_key, locale=english)


def test_editor_publishes_and_translates_a_model_project(editor, client, site):
    index = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    topic = TopicFactory(name="Energie", slug="energie")
    ulm = MunicipalityFactory(name="Ulm", ags="08421000")
    response = add_page(editor, "modelprojectpage", index, {
        "title": "Zukunftsstadt Ulm", "slug": "ulm", "municipality": ulm.id,
        "funding_phase": "1", "funding_start": "2019", "funding_end": "2026",
        "status": "implementation", "summary": "Ulm verbindet Daten und Beteiligung.",
        "body": streamfield([("text", rich_text("<p>Ein Projekt.</p>"))]),
        "topics": [topic.id], "tags": "Sensorik, Open Data", "contacts": [], "website": "",
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    project = ModelProjectPage.objects.get(slug="ulm", locale__language_code="de")
    assert project.live and [t.slug for t in project.topics.all()] == ["energie"]
    assert "Ulm verbindet Daten" in client.get("/de/projekte/ulm/").content.decode()
    translate_page(editor, project.get_parent())
    translated = translate_page(editor, project)
    assert translated.specific.municipality == ulm


def test_editor_publishes_a_solution_under_its_project(editor, client, site):
    index = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    project = publish(ModelProjectPageFactory(parent=index, slug="ulm"))
    response = add_page(editor, "solutionpage", project, {
        "title": "Parken in Echtzeit", "slug": "parken", "model_project": project.id,
        "summary": "Freie Plätze auf einen Blick.", "maturity": "pilot",
        "problem": rich_text("<p>Suchverkehr.</p>"), "approach": rich_text("<p>Sensoren.</p>"),
        "results": rich_text(""), "lessons_learned": rich_text(""),
        "prerequisites": rich_text(""), "effort": "medium", "cost_range": "10k_50k",
        "operator_model": "Stadtwerke", "repository_url": "https://gitlab.example/parken",
        "licence": "EUPL-1.2", "downloads": streamfield([]), "topics": [], "tags": "",
        "contacts": [],
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    solution = SolutionPage.objects.get(slug="parken", locale__language_code="de")
    assert solution.live and solution.licence == "EUPL-1.2"
    assert "Sensoren." in client.get("/de/projekte/ulm/parken/").content.decode()


@pytest.mark.parametrize(("field", "value", "message"), [
    ("licence", "MIT-License", "ist keine bekannte SPDX-Lizenzkennung"),
    ("repository_url", "ftp://code.example/parken", "mit http:// oder https://"),
])
def test_admin_names_the_field_of_a_bad_open_source_detail(editor, site, field, value, message):
    index = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    project = publish(ModelProjectPageFactory(parent=index, slug="ulm"))
    fields = {
        "title": "Parken", "slug": "parken", "model_project": project.id, "summary": "x",
        "maturity": "pilot", "problem": rich_text("<p>x</p>"), "approach": rich_text("<p>x</p>"),
        "licence": "", "repository_url": "", "downloads": streamfield([]), "topics": [],
        "tags": "", "contacts": [], field: value,
    }
    response = add_page(editor, "solutionpage", project, fields)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SolutionPage.objects.filter(slug="parken").exists()


def test_editor_publishes_a_publication_and_a_year_too_far_ahead_is_refused(editor, site):
    index = publish(PublicationIndexPageFactory(parent=site.root_page, slug="publikationen"))
    fields = {
        "title": "Die digitale Stadt gestalten", "slug": "digitale-stadt", "kind": "handout",
        "year": "2022", "publisher": "BBSR", "document_language": "de",
        "summary": "Eine Handreichung für Kommunen.", "topics": [], "tags": "",
    }
    assert add_page(editor, "publicationpage", index, fields).status_code == 302
    assert PublicationPage.objects.get(slug="digitale-stadt", locale__language_code="de").live
    future = add_page(editor, "publicationpage", index,
                      {**fields, "slug": "zukunft", "year": "2999"})
    assert future.status_code == 200
    assert "Geben Sie ein Jahr zwischen" in future.content.decode()
