"""Model projects, solutions, publications and the reuse ledger, as readers, editors and
API clients meet them."""

import json
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.urls import reverse
from wagtail.models import Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from repository.models import Adoption, AdoptionStatus, SolutionPage
from tests.community.factories import MunicipalityFactory, make_user
from tests.home.factories import publish, translate
from tests.queries import warm_query_count
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    PublicationIndexPageFactory,
    PublicationPageFactory,
    SolutionPageFactory,
    TopicFactory,
    english_topic,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def project(site):
    index = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="modellprojekte"))
    ulm = MunicipalityFactory(name="Ulm", ags="08421000")
    project = ModelProjectPageFactory(parent=index, title="Zukunftsstadt Ulm", slug="ulm",
                                      municipality=ulm)
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    english_topic(mobility, "Mobility")
    project.topics.add(mobility)
    project.tags.add("Sensorik")
    return publish(project)


@pytest.fixture
def solution(project):
    solution = SolutionPageFactory(parent=project, model_project=project, slug="parken",
                                   title="Freie Parkplätze in Echtzeit", licence="EUPL-1.2",
                                   repository_url="https://gitlab.example/ulm/parken")
    return publish(solution)


def test_model_project_page_shows_its_facts_and_solutions(client, solution):
    html = client.get("/de/modellprojekte/ulm/").content.decode()
    assert "<h1>Zukunftsstadt Ulm</h1>" in html
    assert "Ulm (Baden-Württemberg)" in html
    assert "2020–2027" in html
    assert "Freie Parkplätze in Echtzeit" in html
    assert ">Mobilität</li>" in html


def test_translated_project_shows_english_topics(client, project):
    index_en = translate(project.get_parent().specific, "en", slug="model-projects",
                         title="Model projects")
    assert index_en.live
    translate(project, "en", title="Future City Ulm", slug="ulm")
    html = client.get("/en/model-projects/ulm/").content.decode()
    assert "<h1>Future City Ulm</h1>" in html
    assert ">Mobility</li>" in html and "Mobilität" not in html


def test_solution_page_lists_where_it_is_already_in_use(client, solution):
    Adoption.objects.create(solution=solution, status=AdoptionStatus.IN_OPERATION,
                            municipality=MunicipalityFactory(name="Bamberg", ags="09461000",
                                                             federal_state="09"))
    Adoption.objects.create(solution=solution, status=AdoptionStatus.DROPPED,
                            municipality=MunicipalityFactory(name="Aufgegeben"))
    html = client.get("/de/modellprojekte/ulm/parken/").content.decode()
    assert "Bamberg" in html and "Aufgegeben" not in html
    assert "EUPL-1.2" in html


def test_api_embeds_municipality_topics_tags_and_adoptions(client, solution):
    Adoption.objects.create(solution=solution, municipality=MunicipalityFactory(),
                            status=AdoptionStatus.PLANNED, adopted_on=date(2025, 3, 1))
    project = client.get(f"/api/v2/pages/{solution.model_project_id}/").json()
    assert project["municipality"]["ags"] == "08421000"
    assert project["topics"] == [{"name": "Mobilität", "slug": "mobilitaet"}]
    assert project["tags"] == [{"name": "Sensorik", "slug": "sensorik"}]
    detail = client.get(f"/api/v2/pages/{solution.id}/").json()
    assert detail["adoption_summary"]["total"] == 1
    assert detail["adoption_summary"]["by_status"]["planned"] == 1
    assert detail["licence"] == "EUPL-1.2"


@pytest.mark.parametrize(("field", "value"), [
    ("licence", "MIT-License"),
    ("repository_url", "ftp://code.example/ulm"),
])
def test_solution_refuses_bad_open_source_details_naming_the_field(solution, field, value):
    setattr(solution, field, value)
    with pytest.raises(ValidationError) as refused:
        solution.full_clean()
    assert field in refused.value.message_dict


def test_solution_needs_a_model_project(project):
    orphan = SolutionPage(title="Ohne Projekt", slug="ohne", summary="x", problem="<p>x</p>",
                          approach="<p>x</p>", locale=project.locale)
    with pytest.raises(ValidationError) as refused:
        orphan.full_clean()
    assert "model_project" in refused.value.message_dict


def test_funding_cannot_end_before_it_starts(project):
    project.funding_start, project.funding_end = 2024, 2021
    with pytest.raises(ValidationError) as refused:
        project.full_clean()
    assert "funding_end" in refused.value.message_dict


def test_publication_year_beyond_next_year_is_refused(site):
    index = publish(PublicationIndexPageFactory(parent=site.root_page))
    publication = PublicationPageFactory(parent=index, year=date.today().year + 1)
    publication.year = date.today().year + 2
    with pytest.raises(ValidationError) as refused:
        publication.full_clean()
    assert "year" in refused.value.message_dict


def test_adoption_by_the_developing_municipality_or_twice_is_refused(solution):
    own = Adoption(solution=solution, municipality=solution.model_project.municipality)
    with pytest.raises(ValidationError):
        own.full_clean()
    other = MunicipalityFactory()
    Adoption.objects.create(solution=solution, municipality=other)
    with pytest.raises(ValidationError):
        Adoption(solution=solution, municipality=other).full_clean()


def test_editor_cannot_publish_a_solution_without_a_model_project(client, project):
    user = get_user_model().objects.create_superuser("redaktion", "r@kts.example", "pw")
    client.force_login(user)
    url = reverse("wagtailadmin_pages:add", args=("repository", "solutionpage", project.id))
    data = nested_form_data({
        "title": "Ohne Projekt", "slug": "ohne-projekt", "summary": "x",
        "problem": rich_text("<p>x</p>"), "approach": rich_text("<p>x</p>"),
        "maturity": "idea", "downloads": streamfield([]), "action-publish": "publish",
    })
    response = client.post(url, data)
    assert response.status_code == 200
    assert not SolutionPage.objects.filter(slug="ohne-projekt").exists()


def test_ledger_is_listed_in_the_admin(client, solution):
    user = get_user_model().objects.create_superuser("redaktion", "r@kts.example", "pw")
    client.force_login(user)
    Adoption.objects.create(solution=solution, municipality=MunicipalityFactory(name="Gera",
                                                                             ags="16052000",
                                                                             federal_state="16"))
    listing = client.get(reverse("wagtailsnippets_repository_adoption:list"))
    assert listing.status_code == 200
    assert "Gera" in listing.content.decode()
    assert Locale.objects.count() == 2


def test_solution_page_recommends_what_similar_municipalities_adopted(client, solution):
    """Ulm is a Großstadt in Baden-Württemberg: what Stuttgart (same state) adopted, and
    solutions on the same topic, are recommended; the rest is not."""
    project = solution.model_project
    other = publish(SolutionPageFactory(parent=project, model_project=project, slug="wlan",
                                        title="Offenes WLAN"))
    unrelated = publish(SolutionPageFactory(parent=project, model_project=project,
                                            slug="akten", title="Digitale Akte"))
    stuttgart = MunicipalityFactory(name="Stuttgart", ags="08111000", size_class="grossstadt",
                                    population=630_000)
    Adoption.objects.create(solution=other, municipality=stuttgart,
                            status=AdoptionStatus.IN_OPERATION)
    same_topic = publish(SolutionPageFactory(parent=project, model_project=project,
                                             slug="radwege", title="Radwege-Monitor"))
    topic = solution.model_project.topics.first()
    solution.topics.add(topic)
    publish(solution)
    same_topic.topics.add(topic)
    publish(same_topic)

    html = client.get("/de/modellprojekte/ulm/parken/").content.decode()
    recommended = html.split('id="recommendations-heading"')[1]
    assert "Offenes WLAN" in recommended
    assert "Radwege-Monitor" in recommended
    assert unrelated.title not in recommended


def test_kept_recommendations_are_shared_by_pages_on_the_same_topics_and_follow_changes(
        client, solution):
    """The ranking on a topic is kept for every page on it: each page leaves itself out
    and shows the others, and a solution published on the topic afterwards appears."""
    project = solution.model_project
    topic = project.topics.first()
    solution.topics.add(topic)
    publish(solution)
    sibling = SolutionPageFactory(parent=project, model_project=project, slug="radwege",
                                  title="Radwege-Monitor")
    sibling.topics.add(topic)
    publish(sibling)

    def recommended(url):
        return client.get(url).content.decode().split('id="recommendations-heading"')[1]

    assert "Radwege-Monitor" in recommended("/de/modellprojekte/ulm/parken/")
    on_sibling = recommended("/de/modellprojekte/ulm/radwege/")
    assert solution.title in on_sibling and "Radwege-Monitor" not in on_sibling
    later = SolutionPageFactory(parent=project, model_project=project, slug="ampeln",
                                title="Adaptive Ampeln")
    later.topics.add(topic)
    publish(later)
    assert "Adaptive Ampeln" in recommended("/de/modellprojekte/ulm/parken/")


def test_recommendations_cost_a_fixed_number_of_queries(solution, django_assert_max_num_queries):
    for number in range(12):
        other = publish(SolutionPageFactory(parent=solution.model_project,
                                            model_project=solution.model_project))
        Adoption.objects.create(solution=other, municipality=MunicipalityFactory(
            ags=f"08998{number:03d}"))
    solution = SolutionPage.objects.get(pk=solution.pk)
    # The project and its municipality, the peers' and the related solutions' ids (ranked
    # without joins), the shown solutions with their projects and images, the renditions.
    with django_assert_max_num_queries(6):
        recommendations = solution.recommendations()
        assert len(recommendations["adopted_by_peers"]) == 4


def test_ledger_report_filters_by_federal_state_and_exports_csv(client, solution):
    user = get_user_model().objects.create_superuser("auswertung", "a@kts.example", "pw")
    client.force_login(user)
    Adoption.objects.create(solution=solution, status=AdoptionStatus.IN_OPERATION,
                            municipality=MunicipalityFactory(name="Bamberg", ags="09461000",
                                                             federal_state="09",
                                                             size_class="mittelstadt"))
    Adoption.objects.create(solution=solution, municipality=MunicipalityFactory(name="Freiburg"))
    solution.topics.add(solution.model_project.topics.first())
    publish(solution)
    url = reverse("wagtailsnippets_repository_adoption:list")
    bavaria = client.get(url, {"municipality__federal_state": "09"}).content.decode()
    assert "Bamberg" in bavaria and "Freiburg" not in bavaria
    export = client.get(url, {"export": "csv"})
    assert export.status_code == 200
    rows = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert len(rows) == 3
    bamberg = next(row for row in rows if row.startswith("Bamberg"))
    assert bamberg.startswith("Bamberg,09461000,Bayern,Mittelstadt,Freie Parkplätze in Echtzeit")
    assert "Mobilität" in bamberg and "In Betrieb" in bamberg


def test_model_project_page_sums_its_solutions_adoptions(client, solution):
    second = publish(SolutionPageFactory(parent=solution.model_project,
                                         model_project=solution.model_project))
    gera = MunicipalityFactory(name="Gera", ags="16052000", federal_state="16")
    Adoption.objects.create(solution=solution, municipality=gera)
    Adoption.objects.create(solution=second, municipality=gera)
    Adoption.objects.create(solution=second, municipality=MunicipalityFactory())
    html = client.get("/de/modellprojekte/ulm/").content.decode()
    assert "Ihre Lösungen sind in 2 anderen Kommunen im Einsatz." in html


def test_solution_offers_its_downloads(client, solution):
    from django.core.files.base import ContentFile
    from wagtail.documents.models import Document

    document = Document.objects.create(title="Leistungsbeschreibung Parksensoren",
                                       file=ContentFile(b"%PDF-1.4", name="lv.pdf"))
    solution.downloads = json.dumps([{"type": "download",
                                      "value": {"document": document.id, "label": ""}}])
    publish(solution)
    html = client.get("/de/modellprojekte/ulm/parken/").content.decode()
    assert "Leistungsbeschreibung Parksensoren</a>" in html
    api = client.get(f"/api/v2/pages/{solution.id}/").json()
    assert api["downloads"][0]["type"] == "download"


@pytest.mark.parametrize("member", [False, True], ids=["anonymous", "member"])
def test_solution_page_query_count_is_the_same_for_few_and_many(client, solution, member):
    url = "/de/modellprojekte/ulm/parken/"
    if member:
        client.force_login(make_user("leserin"))
    few = warm_query_count(client, url)
    for number in range(8):
        other = publish(SolutionPageFactory(parent=solution.model_project,
                                            model_project=solution.model_project))
        Adoption.objects.create(solution=solution, municipality=MunicipalityFactory(
            ags=f"08997{number:03d}"))
        Adoption.objects.create(solution=other, municipality=MunicipalityFactory(
            ags=f"08996{number:03d}"))
    many = warm_query_count(client, url)
    assert few == many == (SOLUTION_PAGE_MEMBER_QUERIES if member else SOLUTION_PAGE_QUERIES)


# Topics, contacts, project, recommendations, adoptions, similar solutions and the
# breadcrumbs are read once per change of content (home/content_cache.py): an anonymous
# visitor's page costs no query. A member's adds the session, the user, the unread
# notifications, the user's groups (search principals) and permissions, and the member's
# profile (whose municipality may report an adoption: repository.adoption_reports).
SOLUTION_PAGE_QUERIES = 0
SOLUTION_PAGE_MEMBER_QUERIES = 8  # the questions a member may read (issue 20)


def test_a_new_adoption_shows_on_the_cached_solution_page_at_once(client, solution):
    url = "/de/modellprojekte/ulm/parken/"
    assert "Neu-Ulm" not in client.get(url).content.decode()
    Adoption.objects.create(solution=solution, municipality=MunicipalityFactory(
        name="Neu-Ulm", ags="09775164"))
    assert "Neu-Ulm" in client.get(url).content.decode()
