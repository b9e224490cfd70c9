"""The repository's demo content: a bilingual knowledge repository that loads once."""


import pytest
from wagtail.models import Locale, Page, ReferenceIndex, Revision

import home.demo
import repository.demo
from community.models import Municipality
from home.models import HomePage
from repository.models import (
    Adoption,
    FaqEntry,
    Maturity,
    ModelProjectPage,
    PublicationPage,
    Question,
    SolutionPage,
    Topic,
)
from tests.demo import install_demo, load_demo
from tests.home.factories import StandardPageFactory, publish

pytestmark = pytest.mark.django_db


def in_language(model, language: str):
    return model.objects.filter(locale__language_code=language)


def snapshot() -> dict:
    return {
        "pages": sorted(Page.objects.values_list(
            "id", "title", "slug", "locale__language_code", "live", "latest_revision_id",
            "last_published_at", "path", "numchild",
        )),
        "revisions": Revision.objects.count(),
        "adoptions": sorted(Adoption.objects.values_list(
            "id", "solution_id", "municipality_id", "status", "adopted_on", "updated_at",
        )),
        "topics": sorted(Topic.objects.values_list("id", "name", "locale_id")),
        "municipalities": Municipality.objects.count(),
        "references": ReferenceIndex.objects.count(),
    }


def test_demo_fills_the_repository_in_both_languages():
    install_demo()

    for language in ("de", "en"):
        assert in_language(ModelProjectPage, language).live().count() >= 12
        solutions = in_language(SolutionPage, language).live()
        assert solutions.count() == 30
        assert set(solutions.values_list("maturity", flat=True)) == set(Maturity.values)
        assert set(solutions.values_list("topics__slug", flat=True)) == {
            topic["slug"] for topic in repository.demo.content()["topics"]
        }
        assert in_language(PublicationPage, language).live().count() == 8

    # Freshness (repository.demo_freshness and the past round's accepted reports): some
    # confirmed recently, one not for more than six months, one ended, in both languages.
    for language in ("de", "en"):
        states = {page.translation_key: page.freshness
                  for page in in_language(SolutionPage, language)}
        assert set(states.values()) == {"confirmed", "unconfirmed", "ended"}
        assert list(states.values()).count("ended") == 1
    stale = in_language(SolutionPage, "de").get(slug="leerstandsmelder-innenstadt")
    assert stale.freshness == "unconfirmed" and stale.last_confirmed is not None
    assert in_language(SolutionPage, "en").get(
        slug="energy-monitoring-buildings").freshness == "confirmed"
    ended = in_language(SolutionPage, "en").get(slug="digital-village-shop")
    assert ended.live and ended.ended_reason.startswith("Der Dorfladen")
    reported = Adoption.objects.exclude(source="office")
    assert reported.count() == 3
    assert set(reported.values_list("review_state", flat=True)) == {"confirmed", "pending"}
    assert reported.filter(review_state="pending").count() == 1
    assert reported.filter(reported_by__isnull=True).count() == 0

    # Questions to the implementers (repository.demo_questions): one answered, marked most
    # helpful and in the FAQ in both languages; one open for more than a week.
    assert Question.objects.count() == 2
    assert Question.objects.filter(promoted_at__isnull=False,
                                   helpful_answer__isnull=False).count() == 1
    assert Question.objects.waiting_too_long().count() == 1
    assert sorted(FaqEntry.objects.values_list("locale__language_code", flat=True)) == [
        "de", "en"]

    projects = in_language(ModelProjectPage, "de")
    assert set(projects.values_list("funding_phase", flat=True)) == {1, 2, 3}
    assert set(projects.values_list("status", flat=True)) == {"strategy", "implementation"}
    assert projects.values("municipality__federal_state").distinct().count() >= 6
    assert projects.values("municipality__size_class").distinct().count() >= 4
    assert SolutionPage.objects.exclude(repository_url="").exclude(licence="").exists()
    handout = in_language(PublicationPage, "en").get(slug="shaping-the-digital-city")
    assert (handout.title, handout.year, handout.kind, handout.document_language) == (
        "Shaping the digital city: a handout for local authorities", 2022, "handout", "de",
    )

    adoptions = Adoption.objects.select_related("solution__model_project")
    assert adoptions.count() >= 25
    assert {adoption.status for adoption in adoptions} == {
        "planned", "in_progress", "in_operation", "dropped",
    }
    for adoption in adoptions:
        assert adoption.municipality_id != adoption.solution.model_project.municipality_id

    # Translations keep topics and tags and belong to the English model project.
    german = SolutionPage.objects.get(slug="urbane-datenplattform")
    english = german.get_translation(Locale.objects.get(language_code="en")).specific

    assert english.title == "Urban data platform"
    assert set(english.topics.all()) == set(german.topics.all())
    assert set(english.tags.names()) == set(german.tags.names()) == {
        "Datenplattform", "Open Source", "Schnittstellen",
    }
    assert english.model_project.locale.language_code == "en"
    assert english.model_project.translation_key == german.model_project.translation_key
    assert english.get_parent().id == english.model_project.id


PAGES = {
    "/de/loesungen/": ["30 Ergebnisse", "Lösungen"],
    "/en/solutions/": ["30 results", "Solutions"],
    "/de/projektdatenbank/": ["12 Ergebnisse", "Smart City Ulm"],
    "/en/project-database/": ["12 results", "Smart Region Höxter District"],
    "/de/publikationen/": ["8 Ergebnisse",
                           "Die digitale Stadt gestalten – Eine Handreichung für Kommunen"],
    "/en/publications/": ["8 results", "Shaping the digital city"],
    "/en/project-database/smart-city-hamburg/urban-data-platform/": [
        "Every project built its own data silos", "Lessons learned", "Apache-2.0",
        "Jena (In operation; source: Office)",
    ],
    "/en/project-database/smart-city-hamburg/": ["Digital participation platform"],
    "/de/": ['href="/de/projektdatenbank/"', 'href="/de/loesungen/"',
             'href="/de/publikationen/"'],
}


def test_demo_pages_answer_in_their_language(client):
    """One load for every page: the demo takes seconds to build."""
    install_demo()
    for url, texts in PAGES.items():
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        for text in texts:
            assert text in html, (url, text)
    html = client.get("/de/projektdatenbank/smart-city-hamburg/").content.decode()
    assert "Digitale Beteiligungsplattform" in html
    assert "Digital participation platform" not in html
    german = SolutionPage.objects.get(slug="lorawan-sensornetz")
    for language, question in (("de", "Wie viele Gateways braucht ein LoRaWAN-Netz"),
                               ("en", "How many gateways does a LoRaWAN network need")):
        page = german.get_translation(Locale.objects.get(language_code=language))
        assert question in client.get(page.url).content.decode(), language


def test_running_the_demo_twice_changes_nothing_and_keeps_an_editors_changes():
    install_demo()
    before = snapshot()
    second = load_demo()
    assert snapshot() == before
    assert "created" not in second and "translated" not in second

    page = SolutionPage.objects.get(slug="urban-data-platform")
    page.title = "Hamburg's data platform"
    publish(page)
    Adoption.objects.filter(status="dropped").update(local_adaptations="Anders entschieden.")
    load_demo()
    assert SolutionPage.objects.get(slug="urban-data-platform").title == "Hamburg's data platform"
    assert set(Adoption.objects.filter(status="dropped").values_list(
        "local_adaptations", flat=True)) == {"Anders entschieden."}


def test_demo_turns_an_alias_left_by_tree_synchronisation_into_a_translation():
    load_demo()  # not the snapshot: a page saved after it breaks SQLite's full-text index
    english = Locale.objects.get(language_code="en")
    german = SolutionPage.objects.get(slug="mobilitaetsstationen")
    translation = german.get_translation(english)
    project_en = translation.get_parent()
    translation.delete()
    german.create_alias(parent=project_en, update_locale=english, reset_translation_key=False)

    output = load_demo()

    page = german.get_translation(english).specific
    assert page.alias_of_id is None and page.live
    assert (page.title, page.slug) == ("Mobility hubs with a booking app", "mobility-hubs")
    assert "the transport company builds hubs" in page.approach.lower()
    assert page.model_project_id == project_en.id
    assert "translated “Mobilitätsstationen mit Buchungs-App”" in output


def test_demo_leaves_a_page_that_holds_an_index_address_alone():
    quiet = []
    home.demo.load_demo_content(quiet.append)
    home_de = HomePage.objects.get(slug="smart-cities")
    own = publish(StandardPageFactory(parent=home_de, slug="publikationen", title="Archiv"))
    log: list[str] = []

    repository.demo.load_demo_content(log.append)

    assert Page.objects.get(pk=own.pk).specific_class.__name__ == "StandardPage"
    assert Page.objects.get(pk=own.pk).numchild == 0
    assert not PublicationPage.objects.exists()
    assert SolutionPage.objects.count() == 60
    assert "“Archiv” holds the address /publikationen/: demo publications skipped" in log


def test_demo_without_the_home_page_makes_topics_and_municipalities_only():
    log: list[str] = []
    repository.demo.load_demo_content(log.append)
    assert Topic.objects.count() == 20
    assert Municipality.objects.count() == 15
    assert not ModelProjectPage.objects.exists()
    assert "no German and English demo home page: repository pages skipped" in log
