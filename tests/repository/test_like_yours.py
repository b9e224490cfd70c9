"""Municipalities like yours, for the reader: with a Kleinstadt in the profile (or chosen
on the page, or named by its AGS in the API) the solution listing and the solution pages
recommend what municipalities of the nearest size classes run, whom to ask and the model
projects nearby; an empty size-class filter offers the nearest size classes first."""

from decimal import Decimal

import pytest

from community.models import FederalState, SizeClass
from repository.models import Adoption, AdoptionStatus
from tests.community.factories import MunicipalityFactory, make_user
from tests.home.factories import publish
from tests.queries import warm_query_count
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    SolutionIndexPageFactory,
    SolutionPageFactory,
)

pytestmark = pytest.mark.django_db

LISTING = "/de/loesungen/"


def place(name, ags, state, size_class, latitude, longitude):
    return MunicipalityFactory(name=name, ags=ags, federal_state=state, size_class=size_class,
                               latitude=Decimal(latitude), longitude=Decimal(longitude))


@pytest.fixture
def towns(site):
    publish(SolutionIndexPageFactory(parent=site.root_page, slug="loesungen"))
    index = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="modellprojekte"))
    reader = place("Bad Belzig", "12069020", FederalState.BRANDENBURG, SizeClass.KLEINSTADT,
                   "52.140000", "12.590000")
    homes = {
        "Wiesenfeld": place("Wiesenfeld", "12069998", FederalState.BRANDENBURG,
                            SizeClass.LANDGEMEINDE, "52.200000", "12.700000"),
        "Zittau": place("Zittau", "14626610", FederalState.SACHSEN, SizeClass.MITTELSTADT,
                        "50.900000", "14.800000"),
        "Dresden": place("Dresden", "14612000", FederalState.SACHSEN, SizeClass.GROSSSTADT,
                         "51.050000", "13.740000"),
    }
    solutions = {}
    for (name, home), title in zip(homes.items(), ("Dorf-App", "Bürger-App",
                                                   "Urbane Datenplattform"), strict=True):
        project = publish(ModelProjectPageFactory(parent=index, title=f"Smart {name}",
                                                  slug=name.lower(), municipality=home))
        solutions[title] = publish(SolutionPageFactory(
            parent=project, model_project=project, title=title, slug=title.lower()
            .replace(" ", "-").replace("ü", "ue")))
    Adoption.objects.create(
        solution=solutions["Urbane Datenplattform"], status=AdoptionStatus.IN_OPERATION,
        contact_name="Jana Roth", municipality=place(
            "Treuenbrietzen", "12069616", FederalState.BRANDENBURG, SizeClass.KLEINSTADT,
            "52.100000", "12.870000"))
    member = make_user("kaemmerer")
    member.member_profile.municipality = reader
    member.member_profile.save()
    return {"reader": reader, "member": member, "solutions": solutions}


def section(html: str) -> str:
    start = html.index('id="like-yours-heading"')
    return html[start:html.index("</section>", start)]


def test_a_kleinstadt_in_the_profile_gets_the_nearest_size_classes_on_the_listing(
        client, towns):
    client.force_login(towns["member"])
    html = section(client.get(LISTING).content.decode())
    assert "Für Ihre Kommune: Bad Belzig" in html
    assert "Aus Ihrem Profil" in html
    # Landgemeinde and Mittelstadt are the Kleinstadt's neighbours; the Großstadt's
    # platform is there because a Kleinstadt in Brandenburg adopted it.
    assert html.index("Urbane Datenplattform") < html.index("Dorf-App") < html.index(
        "Bürger-App")
    assert "Fragen Sie Jana Roth in Treuenbrietzen" in html
    nearby = html[html.index("Modellprojekte in der Nähe"):]
    assert nearby.index("Smart Wiesenfeld") < nearby.index("Smart Dresden")
    assert "Wiesenfeld, 10 km entfernt" in nearby and "Dresden, 145 km entfernt" in nearby


def test_without_the_adoption_a_large_city_is_too_far_away(client, towns):
    Adoption.objects.all().delete()
    client.force_login(towns["member"])
    html = section(client.get(LISTING).content.decode())
    assert "Dorf-App" in html and "Bürger-App" in html
    assert "Urbane Datenplattform</a>" not in html


def test_a_solution_page_recommends_others_and_whom_to_ask_about_it(client, towns):
    client.force_login(towns["member"])
    url = towns["solutions"]["Urbane Datenplattform"].url
    html = section(client.get(url).content.decode())
    assert "Urbane Datenplattform</a>" not in html
    assert "Dorf-App" in html and "Bürger-App" in html
    talk_to = html[html.index("Mit wem Sie über diese Lösung sprechen können"):]
    assert "Jana Roth (Treuenbrietzen, Kleinstadt" in talk_to


def test_a_reader_chooses_a_municipality_on_the_page(client, towns):
    html = client.get(LISTING + f"?maturity=pilot&municipality={towns['reader'].pk}"
                      ).content.decode()
    assert "Für Ihre Kommune: Bad Belzig" in section(html)
    assert 'name="maturity" value="pilot"' in section(html)


def test_without_a_municipality_the_reader_is_asked_for_one(client, towns):
    html = section(client.get(LISTING).content.decode())
    assert "Für Ihre Kommune</h2>" in html and "Dorf-App" not in html
    assert 'name="municipality_query"' in html


def test_a_members_recommendations_are_never_served_to_others(client, towns, settings):
    settings.PAGE_CACHE_SECONDS = 60
    client.force_login(towns["member"])
    assert "Bad Belzig" in client.get(LISTING).content.decode()
    client.logout()
    client.cookies.clear()
    anonymous = client.get(LISTING)
    assert "Bad Belzig" not in anonymous.content.decode()
    assert "Bad Belzig" not in client.get(LISTING).content.decode()


def test_an_empty_size_class_offers_the_nearest_size_classes_first(client, towns):
    html = client.get(LISTING + "?size_class=kleinstadt").content.decode()
    broader = html[html.index('class="results__broader"'):]
    assert broader.index("Landgemeinde") < broader.index("Mittelstadt") < broader.index(
        "Großstadt")


def test_the_api_lists_what_municipalities_like_the_one_with_the_key_run(client, towns):
    answer = client.get("/api/v2/solutions/?like_municipality=12069020")
    assert answer.status_code == 200
    assert [item["title"] for item in answer.json()["items"]] == [
        "Urbane Datenplattform", "Dorf-App", "Bürger-App"]
    english = client.get("/api/v2/solutions/?like_municipality=12069020&locale=en").json()
    assert english["items"] == []  # nothing translated yet


@pytest.mark.parametrize("ags, message", [
    ("99999999", "There is no municipality with the key 99999999."),
    ("1206902", "like_municipality must be an official municipality key (AGS) of 8 digits."),
    ("١٢٠٦٩٠٢٠", "like_municipality must be an official municipality key (AGS) of 8 digits."),
])
def test_an_unknown_or_malformed_key_answers_400(client, towns, ags, message):
    answer = client.get(f"/api/v2/solutions/?like_municipality={ags}",
                        HTTP_ACCEPT_LANGUAGE="en")
    assert answer.status_code == 400
    assert answer.json()["message"] == message


def test_the_api_recommendations_cost_the_same_queries_for_more_solutions(client, towns):
    """4 queries (issue 18's ceiling for an API list is 8), whatever the number of solutions."""
    url = "/api/v2/solutions/?like_municipality=12069020"
    few = warm_query_count(client, url)
    project = towns["solutions"]["Dorf-App"].get_parent()
    for number in range(4):
        solution = publish(SolutionPageFactory(parent=project, model_project=project.specific,
                                               title=f"Mehr {number}", slug=f"mehr-{number}"))
        Adoption.objects.create(solution=solution, status=AdoptionStatus.IN_OPERATION,
                                municipality=towns["reader"])
    assert warm_query_count(client, url) == few == 4
