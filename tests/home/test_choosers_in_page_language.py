"""With an English page open, every chooser lists English items only; what is not yet
translated appears in German, marked, so that it can still be chosen."""

import pytest
from django.urls import reverse
from wagtail.models import Locale

from community.models import Municipality
from home.models import ContactPerson, PartnerOrganisation
from repository.choosers import model_project_chooser_viewset
from repository.models import Topic
from tests.community.factories import MunicipalityFactory
from tests.home.factories import ContactPersonFactory, translate
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    SolutionPageFactory,
    TopicFactory,
    english_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def english() -> Locale:
    return Locale.objects.get(language_code="en")


@pytest.fixture
def projects(site):
    """A German project database with one project, translated; the English database has
    a project of its own as well."""
    german_index = ModelProjectIndexPageFactory(parent=site.root_page)
    german_project = ModelProjectPageFactory(parent=german_index, title="Smarte Region Nord")
    english_index = translate(german_index, "en", title="Model projects", slug="model-projects")
    english_project = translate(german_project, "en", title="Smart Region North",
                                slug="smart-region-north")
    return german_project, english_project, english_index


def choose_html(client, url_name: str, **params) -> str:
    response = client.get(reverse(url_name), params)
    assert response.status_code == 200
    return response.json()["html"]


def twin(item, name: str, locale: Locale):
    translation = item.copy_for_translation(locale)
    translation.name = name
    translation.save()
    return translation


def test_topic_chooser_lists_english_topics_and_marks_untranslated(editor_client, site):
    mobility = english_topic(TopicFactory(name="Mobilität"), "Mobility")
    TopicFactory(name="Energiewende vor Ort")
    url_name = Topic.snippet_viewset.chooser_viewset.get_url_name("choose")

    # Searched, as the list is paged and migrations may have made topics of their own.
    mobility_html = choose_html(editor_client, url_name, locale="en", q="mobil")
    energy_html = choose_html(editor_client, url_name, locale="en", q="energiewende")

    assert "Mobility" in mobility_html and "Mobilität" not in mobility_html
    # The admin speaks German to this editor.
    assert "Energiewende vor Ort" in energy_html and "noch nicht übersetzt" in energy_html
    assert mobility.locale.language_code == "en"


def test_contact_person_chooser_lists_english_entries_only(editor_client, site, english):
    anna = ContactPersonFactory(name="Dr. Anna Berger", role="Beratung")
    twin(anna, "Dr. Anna Berger", english)
    url_name = ContactPerson.snippet_viewset.chooser_viewset.get_url_name("choose")

    html = choose_html(editor_client, url_name, locale="en")

    assert html.count("Dr. Anna Berger") == 1
    assert "noch nicht übersetzt" not in html


def test_partner_chooser_lists_english_partners_and_searches(editor_client, site, english):
    german = Locale.objects.get(language_code="de")
    bbsr = PartnerOrganisation.objects.create(name="Bundesinstitut BBSR", locale=german)
    twin(bbsr, "Federal Institute BBSR", english)
    PartnerOrganisation.objects.create(name="Städtetag", locale=german)
    url_name = PartnerOrganisation.snippet_viewset.chooser_viewset.get_url_name("choose")

    html = choose_html(editor_client, url_name, locale="en")
    found = choose_html(editor_client, url_name, locale="en", q="federal")

    assert "Federal Institute BBSR" in html and "Bundesinstitut" not in html
    assert "Städtetag" in html
    assert "Federal Institute BBSR" in found and "Städtetag" not in found


def test_model_project_chooser_lists_english_projects(editor_client, projects):
    html = choose_html(editor_client, model_project_chooser_viewset.get_url_name("choose"),
                       locale="en")

    assert "Smart Region North" in html and "Smarte Region Nord" not in html


def test_english_solution_form_offers_english_topics_and_contacts(editor_client, projects,
                                                                  english):
    _, english_project, _ = projects
    mobility = TopicFactory(name="Mobilität")
    english_mobility = english_topic(mobility, "Mobility")
    anna = ContactPersonFactory(name="Anna Berger")
    twin(anna, "Anna Berger", english)
    solution = SolutionPageFactory(parent=english_project, model_project=english_project,
                                   locale=english)
    # As wagtail-localize leaves it: the English page points at the German topic.
    solution.topics.set([mobility])
    solution.save()

    response = editor_client.get(reverse("wagtailadmin_pages:edit", args=(solution.pk,)))
    form = response.context["form"]

    assert {topic.name for topic in form.fields["topics"].queryset} == {"Mobility"}
    assert form.initial["topics"] == [english_mobility.pk]
    assert [person.locale_id for person in form.fields["contacts"].queryset] == [english.pk]
    assert isinstance(form.fields["model_project"].widget,
                      model_project_chooser_viewset.widget_class)
    assert "data-choice-filter-input" in response.content.decode()


def test_solution_added_below_a_model_project_presets_it(editor_client, projects):
    german_project, _, _ = projects
    url = reverse("wagtailadmin_pages:add",
                  args=("repository", "solutionpage", german_project.pk))

    response = editor_client.get(url)

    assert response.status_code == 200
    assert response.context["form"].initial["model_project"] == german_project.pk


def test_municipality_chooser_folds_the_search(editor_client, db):
    MunicipalityFactory(name="Haßfurt", ags="09674147")
    MunicipalityFactory(name="Hamburg", ags="02000000")
    url_name = Municipality.snippet_viewset.chooser_viewset.get_url_name("choose_results")

    response = editor_client.get(reverse(url_name), {"q": "hass"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Haßfurt" in html and "Hamburg" not in html
