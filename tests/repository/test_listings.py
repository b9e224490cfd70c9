"""The solution and model project listings: filters in the URL, counts, pagination, a
clear 400 for values that do not exist, and a query count that does not grow."""


import pytest

from tests.community.factories import MunicipalityFactory
from tests.home.factories import publish
from tests.queries import warm_query_count
from tests.repository.factories import (
    ModelProjectPageFactory,
    TopicFactory,
    add_solutions,
)

pytestmark = pytest.mark.django_db


def test_filters_by_maturity_and_shows_counts(client, catalogue):
    add_solutions(catalogue["ulm"], 2, maturity="pilot")
    add_solutions(catalogue["bamberg"], 1, maturity="operation")
    html = client.get("/de/loesungen/?maturity=pilot").content.decode()
    assert "2 Ergebnisse" in html
    assert 'value="pilot" checked' in html
    assert "Regelbetrieb <span class=\"filters__count\">(1)</span>" in html


def test_filters_by_topic_federal_state_and_phase_together(client, catalogue):
    energy = TopicFactory(name="Energie", slug="energie")
    [match] = add_solutions(catalogue["bamberg"], 1, title="Wärmeplanung digital")
    match.topics.add(energy)
    publish(match)
    add_solutions(catalogue["ulm"], 2)
    html = client.get("/de/loesungen/?topic=energie&federal_state=09&phase=1").content.decode()
    assert "1 Ergebnis" in html
    assert "Wärmeplanung digital" in html


def test_unknown_filter_value_is_a_400_naming_the_allowed_values(client, catalogue):
    response = client.get("/de/loesungen/?maturity=fertig")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Reifegrad: erlaubte Werte sind idea, prototype, pilot, operation, transferred." in html


def test_empty_result_offers_to_show_everything(client, catalogue):
    add_solutions(catalogue["ulm"], 1, maturity="pilot")
    html = client.get("/de/loesungen/?maturity=transferred").content.decode()
    assert "0 Ergebnisse" in html
    assert "Nichts passt zu diesen Filtern." in html
    assert 'href="/de/loesungen/">Alles anzeigen</a>' in html


def test_pagination_keeps_the_filters(client, catalogue):
    add_solutions(catalogue["ulm"], 14, maturity="pilot")
    html = client.get("/de/loesungen/?maturity=pilot").content.decode()
    assert 'href="?maturity=pilot&amp;page=2" rel="next"' in html
    second = client.get("/de/loesungen/?maturity=pilot&page=2").content.decode()
    assert "Seite 2 von 2" in second


def test_absurd_page_numbers_show_the_last_page(client, catalogue):
    add_solutions(catalogue["ulm"], 3)
    response = client.get("/de/loesungen/?page=1000000000")
    assert response.status_code == 200
    assert "3 Ergebnisse" in response.content.decode()


def test_a_kept_listing_follows_publishing_renaming_and_unpublishing(client, catalogue):
    """The ordered ids and facet counts are kept per change of content: a listing read
    before the change never answers after it, for the choice of filters or without."""
    [first] = add_solutions(catalogue["ulm"], 1, maturity="pilot", title="Altes Parken")
    url = "/de/loesungen/?maturity=pilot"
    assert "1 Ergebnis" in client.get(url).content.decode()
    [second] = add_solutions(catalogue["bamberg"], 1, maturity="pilot", title="Bürger-App")
    html = client.get(url).content.decode()
    assert "2 Ergebnisse" in html and "Bürger-App" in html
    assert "Pilot <span class=\"filters__count\">(2)</span>" in client.get(
        "/de/loesungen/").content.decode()
    first.title = "Zukunft Parken"
    publish(first)
    html = client.get(url).content.decode()
    assert html.index("Bürger-App") < html.index("Zukunft Parken")
    second.unpublish()
    html = client.get(url).content.decode()
    assert "1 Ergebnis" in html and "Bürger-App" not in html
    assert "Pilot <span class=\"filters__count\">(1)</span>" in client.get(
        "/de/loesungen/").content.decode()


def test_model_project_listing_filters_by_size_class(client, catalogue):
    html = client.get("/de/projekte/?size_class=grossstadt").content.decode()
    # The map beside the results shows every project; the list holds the filtered ones.
    results = html.split('class="card-list"')[1]
    assert "Zukunftsstadt Ulm" in results and "Smart City Bamberg" not in results


# The site frame and routing come from the cache (see tests/home/test_pages.py), and so
# do the table-backed facets' values, the ordered ids of a choice of filters and its facet
# counts (repository/listing.py), and "at a glance" (three grouped counts over the whole
# repository): one query reads the shown page of results with their projects and
# municipalities.
SOLUTION_LISTING_QUERIES = 1


@pytest.mark.parametrize("url", ["/de/loesungen/", "/de/loesungen/?maturity=pilot&phase=2&topic="])
def test_solution_listing_query_count_is_the_same_for_5_and_200_solutions(
    client, catalogue, url,
):
    TopicFactory(name="Energie", slug="energie")
    add_solutions(catalogue["ulm"], 5, maturity="pilot")
    few = warm_query_count(client, url)
    add_solutions(catalogue["bamberg"], 195, maturity="pilot")
    many = warm_query_count(client, url)
    assert few == many == SOLUTION_LISTING_QUERIES


def test_project_listing_query_count_includes_the_map_and_stays_fixed(client, catalogue):
    few = warm_query_count(client, "/de/projekte/")
    for number in range(20):
        publish(ModelProjectPageFactory(parent=catalogue["projects"],
                                        municipality=MunicipalityFactory(ags=f"08997{number:03d}")))
    assert warm_query_count(client, "/de/projekte/") == few == PROJECT_LISTING_QUERIES


# The solution listing's pattern (the shown page read, the rest cached) plus one query for
# every project on the map (the filtered ones marked in the same query).
PROJECT_LISTING_QUERIES = 2


def test_publication_listing_query_count_is_the_same_for_5_and_200(client, site):
    from tests.repository.factories import PublicationIndexPageFactory, PublicationPageFactory

    index = publish(PublicationIndexPageFactory(parent=site.root_page, slug="publikationen"))

    def add(count):
        for _ in range(count):
            publish(PublicationPageFactory(parent=index))

    add(5)
    few = warm_query_count(client, "/de/publikationen/?kind=handout")
    add(195)
    after = warm_query_count(client, "/de/publikationen/?kind=handout")
    assert after == few == PUBLICATION_LISTING_QUERIES


# One page of items (the frame, the topic values, the ordered ids and the facet counts
# come from the cache).
PUBLICATION_LISTING_QUERIES = 1


def test_facet_counts_come_in_one_query_and_count_each_facet_over_the_others(
        catalogue, django_assert_num_queries):
    """Each facet is counted over the items the *other* facets let through (a facet's own
    choice does not narrow its counts), all in one UNION ALL query; the answer is the one
    a query per facet (Facet.counts) gives."""
    from repository.facets import facet_counts, filter_queryset
    from repository.models import SolutionPage
    from repository.models.solutions import SOLUTION_FACETS

    add_solutions(catalogue["ulm"], 3, maturity="pilot")
    add_solutions(catalogue["bamberg"], 2, maturity="pilot")
    add_solutions(catalogue["bamberg"], 4, maturity="idea")
    base = SolutionPage.objects.live()
    chosen = {"maturity": ["pilot"], "federal_state": ["09"]}
    with django_assert_num_queries(1):
        counts = facet_counts(SOLUTION_FACETS, base, chosen)
    assert counts["maturity"] == {"pilot": 2, "idea": 4}  # Bavaria's, by maturity
    assert counts["federal_state"] == {"08": 3, "09": 2}  # the pilots, by state
    for facet in SOLUTION_FACETS:
        others = {param: values for param, values in chosen.items() if param != facet.param}
        assert counts[facet.param] == facet.counts(
            filter_queryset(SOLUTION_FACETS, base, others)), facet.param
