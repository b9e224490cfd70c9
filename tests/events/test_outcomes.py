"""Event outcomes into the repository (issue 21): after an event, editors attach results,
documents and the solutions, publications or model projects it produced; the event page
and the events API show them, and the solution, publication and model project pages and
their API name the event in return ("Discussed at …"), only while the public may see it."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction
from wagtail.rich_text import RichText
from wagtail_factories import DocumentFactory

from events.models import EventFormat, EventOutcomeLink
from events.search_sources import EventSource
from tests.community.factories import make_user
from tests.events.factories import in_days, make_event
from tests.home.factories import publish, translate
from tests.queries import warm_query_count
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    PublicationIndexPageFactory,
    PublicationPageFactory,
    SolutionPageFactory,
)

pytestmark = pytest.mark.django_db

RESULTS = "<p>Drei Kommunen übernehmen die Parksensorik bis Jahresende.</p>"


@pytest.fixture
def project(site):
    projects = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    return publish(ModelProjectPageFactory(parent=projects, title="Zukunftsstadt Ulm",
                                           slug="ulm"))


@pytest.fixture
def solution(project):
    return publish(SolutionPageFactory(parent=project, model_project=project,
                                       title="Parksensorik", slug="parksensorik"))


@pytest.fixture
def publication(site):
    index = publish(PublicationIndexPageFactory(parent=site.root_page, slug="publikationen"))
    return publish(PublicationPageFactory(parent=index, title="Leitfaden Parken",
                                          slug="leitfaden-parken"))


def outcomes(*pages, results: str = RESULTS, document=None) -> list[tuple[str, object]]:
    items: list[tuple[str, object]] = [("results", RichText(results))] if results else []
    if document is not None:
        items.append(("document", {"document": document, "label": "Folien"}))
    items += [("repository_link", {"page": page, "label": ""}) for page in pages]
    return items


def conference(calendar, *pages, title="Regionalkonferenz Süd", days=-20, **kwargs):
    """A past event whose outcomes link to ``pages``, published."""
    event = make_event(calendar, title=title, start=in_days(days),
                       format=EventFormat.REGIONAL_CONFERENCE)
    event.outcomes = outcomes(*pages, **kwargs)
    return publish(event)


def page_html(client, page) -> str:
    response = client.get(page.url)
    assert response.status_code == 200
    return response.content.decode()


def test_an_event_with_outcomes_links_to_a_solution_and_the_solution_shows_the_event(
        client, calendar, solution, publication, project):
    document = DocumentFactory(title="Folien der Konferenz")
    event = conference(calendar, solution, publication, project, document=document)

    html = page_html(client, event)
    assert "Dokumente und Ergebnisse" in html and "Im Wissensspeicher" in html
    assert "Drei Kommunen übernehmen die Parksensorik" in html
    assert f'href="{solution.url}">Parksensorik</a>' in html
    assert f'href="{publication.url}">Leitfaden Parken</a>' in html
    assert ">Folien</a>" in html
    assert f'href="{project.url}">Zukunftsstadt Ulm</a>' in html

    for page in (solution, publication, project):
        html = page_html(client, page)
        assert "Besprochen bei" in html
        assert f'<a href="{event.url}">Regionalkonferenz Süd</a>' in html
        assert "21. Mai 2026" in html  # in_days(-20) from the suite's clock, 10 June


def test_the_event_page_and_the_api_leave_out_links_the_public_may_not_see(
        client, calendar, solution, project):
    draft = SolutionPageFactory(parent=project, model_project=project,
                                title="Geheime Entwurfslösung", live=False)
    event = conference(calendar, solution, draft)
    assert "Geheime Entwurfslösung" not in page_html(client, event)
    detail = client.get(f"/api/v2/events/{event.pk}/").json()
    assert [item["value"]["title"] for item in detail["outcomes"]
            if item["type"] == "repository_link"] == ["Parksensorik"]
    assert "Geheime" not in str(detail)


def test_only_published_public_events_are_named(client, calendar, solution):
    # A draft that was never published, and an event restricted to members.
    draft = make_event(calendar, title="Interner Entwurf", start=in_days(-5))
    draft.outcomes = outcomes(solution)
    draft.save_revision()
    draft.unpublish()
    restricted = conference(calendar, solution, title="Nur für Mitglieder")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    public = conference(calendar, solution, title="Öffentliche Werkstatt", days=-3)

    def named() -> tuple[str, list[str]]:
        html = page_html(client, solution)
        api = client.get(f"/api/v2/solutions/{solution.pk}/?fields=discussed_at").json()
        return html, [occasion["title"] for occasion in api["discussed_at"]]

    html, titles = named()
    assert titles == ["Öffentliche Werkstatt"]
    assert "Interner Entwurf" not in html and "Nur für Mitglieder" not in html
    assert "Öffentliche Werkstatt" in html
    # A signed-in member sees no more on the public page: it is the same for all.
    client.force_login(make_user("leserin"))
    assert "Nur für Mitglieder" not in page_html(client, solution)
    client.logout()

    public.unpublish()
    html, titles = named()
    assert titles == [] and "Besprochen bei" not in html


def test_a_draft_of_new_outcomes_changes_nothing_until_it_is_published(
        client, calendar, solution, publication):
    event = conference(calendar, solution)
    event.outcomes = outcomes(publication)
    event.save_revision()
    assert "Besprochen bei" in page_html(client, solution)
    assert "Besprochen bei" not in page_html(client, publication)
    assert list(EventOutcomeLink.objects.values_list("page_id", flat=True)) == [solution.pk]

    event.get_latest_revision().publish()
    assert "Besprochen bei" not in page_html(client, solution)
    assert "Besprochen bei" in page_html(client, publication)


def test_the_api_carries_both_directions(client, calendar, solution, publication, project):
    document = DocumentFactory(title="Folien der Konferenz")
    event = conference(calendar, solution, publication, project, document=document)
    detail = client.get(f"/api/v2/events/{event.pk}/").json()
    kinds = [item["type"] for item in detail["outcomes"]]
    assert kinds == ["results", "document", "repository_link", "repository_link",
                     "repository_link"]
    links = [item["value"] for item in detail["outcomes"] if item["type"] == "repository_link"]
    assert links == [
        {"id": solution.pk, "title": "Parksensorik", "type": "repository.SolutionPage",
         "label": "Parksensorik", "url": f"http://testserver{solution.url}"},
        {"id": publication.pk, "title": "Leitfaden Parken",
         "type": "repository.PublicationPage", "label": "Leitfaden Parken",
         "url": f"http://testserver{publication.url}"},
        {"id": project.pk, "title": "Zukunftsstadt Ulm",
         "type": "repository.ModelProjectPage", "label": "Zukunftsstadt Ulm",
         "url": f"http://testserver{project.url}"},
    ]
    assert detail["outcomes"][1]["value"]["title"] == "Folien der Konferenz"
    assert detail["outcomes"][1]["value"]["url"].startswith("http://testserver/documents/")
    assert "Parksensorik" in detail["outcomes"][0]["value"]

    for endpoint, page in (("solutions", solution), ("publications", publication),
                           ("model-projects", project)):
        answer = client.get(f"/api/v2/{endpoint}/{page.pk}/").json()
        assert answer["discussed_at"] == [{
            "id": event.pk, "title": "Regionalkonferenz Süd",
            "start": "2026-05-21T10:00:00+02:00", "url": f"http://testserver{event.url}"}]


def test_an_unknown_rich_text_format_answers_400(client, calendar, solution):
    event = conference(calendar, solution)
    response = client.get(f"/api/v2/events/{event.pk}/?rich_text_format=latex")
    assert response.status_code == 400


def test_a_translated_event_links_to_the_translated_solution(client, calendar, project,
                                                            solution):
    translate(project.get_parent(), "en", title="Model projects", slug="projects")
    translate(project, "en", title="Future city Ulm", slug="ulm")
    english_solution = translate(solution, "en", title="Parking sensors",
                                 slug="parking-sensors")
    event = conference(calendar, solution)
    english_event = translate(event, "en", title="Regional conference South",
                              slug="regional-conference-south")

    html = page_html(client, english_event)
    assert f'href="{english_solution.url}">Parking sensors</a>' in html
    html = page_html(client, english_solution)
    assert "Discussed at" in html
    assert f'<a href="{english_event.url}">Regional conference South</a>' in html
    assert "Regionalkonferenz Süd" not in html
    assert "Regional conference South" not in page_html(client, solution)

    detail = client.get(f"/api/v2/events/{english_event.pk}/").json()
    assert [item["value"]["id"] for item in detail["outcomes"]
            if item["type"] == "repository_link"] == [english_solution.pk]
    answer = client.get(f"/api/v2/solutions/{english_solution.pk}/").json()
    assert [occasion["id"] for occasion in answer["discussed_at"]] == [english_event.pk]


def test_the_outcomes_are_searchable_with_the_event(calendar, solution):
    event = conference(calendar, solution, results="<p>Parkraum wird <b>digital</b> "
                                                   "bewirtschaftet.</p>",
                       document=DocumentFactory(title="Protokoll"))
    source = EventSource()
    [indexed] = source.values(source.queryset().filter(pk=event.pk))
    body = source.document(indexed)["body"]
    assert "Parkraum wird digital bewirtschaftet." in body
    assert "Folien" in body


# -- what it costs ------------------------------------------------------------------------

@pytest.mark.parametrize("member", [False, True], ids=["anonymous", "member"])
def test_the_solution_page_costs_the_same_with_one_event_or_many(client, calendar, solution,
                                                                 member):
    if member:
        client.force_login(make_user("leserin"))
    conference(calendar, solution)
    few = warm_query_count(client, solution.url)
    for number in range(4):
        conference(calendar, solution, title=f"Werkstatt {number}", days=-30 - number)
    many = warm_query_count(client, solution.url)
    # "Discussed at" is read once per change of content (home.content_cache).
    assert few == many <= (16 if member else 12)
    assert page_html(client, solution).count("Werkstatt ") == 4


def api_queries(client, url: str) -> int:
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_the_api_costs_the_same_for_few_and_many_outcomes(client, calendar, solution,
                                                          publication, project):
    event = conference(calendar, solution, document=DocumentFactory())
    urls = [f"/api/v2/events/{event.pk}/", f"/api/v2/solutions/{solution.pk}/",
            "/api/v2/solutions/?fields=discussed_at", f"/api/v2/publications/{publication.pk}/",
            "/api/v2/publications/?fields=discussed_at", f"/api/v2/model-projects/{project.pk}/",
            "/api/v2/model-projects/?fields=discussed_at"]
    few = [api_queries(client, url) for url in urls]
    others = [publish(SolutionPageFactory(parent=project,
                                          model_project=project))
              for _number in range(3)]
    more_projects = [publish(ModelProjectPageFactory(parent=project.get_parent()))
                     for _number in range(2)]
    for number in range(3):
        conference(calendar, solution, publication, project, *others, *more_projects,
                   title=f"Werkstatt {number}", days=-30 - number, document=DocumentFactory())
    event.outcomes = outcomes(solution, publication, project, *others, *more_projects,
                              document=DocumentFactory())
    publish(event)
    many = [api_queries(client, url) for url in urls]
    assert few == many
    assert max(many) <= 8, dict(zip(urls, many, strict=True))
    # Outcomes are a detail field: the events listing does not read them.
    assert client.get("/api/v2/events/?fields=outcomes").status_code == 400


def test_the_model_project_page_costs_the_same_with_one_event_or_many(client, calendar,
                                                                      project):
    conference(calendar, project)
    few = warm_query_count(client, project.url)
    for number in range(4):
        conference(calendar, project, title=f"Werkstatt {number}", days=-30 - number)
    assert warm_query_count(client, project.url) == few
    html = page_html(client, project)
    assert "Besprochen bei" in html and html.count("Werkstatt ") == 4
