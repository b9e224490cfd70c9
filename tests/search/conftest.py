"""A small knowledge base with words that test morphology, umlauts, synonyms and
permissions, and a fixture that runs each contract test on both search backends."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from tests.community.factories import MunicipalityFactory
from tests.home.factories import publish, translate
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    PublicationIndexPageFactory,
    PublicationPageFactory,
    SolutionIndexPageFactory,
    SolutionPageFactory,
    TopicFactory,
)
from tests.search.indexing import index_now


@pytest.fixture(params=["database", "elasticsearch"])
def backend(request, settings, db):
    """Each contract test runs once per backend."""
    if request.param == "elasticsearch":
        request.getfixturevalue("search_engine")
    settings.SEARCH_BACKEND = request.param
    return request.param


@pytest.fixture
def secret_group(db):
    return Group.objects.create(name="Arbeitsgruppe Datenplattform")


@pytest.fixture
def knowledge(site, secret_group):
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    participation = TopicFactory(name="Beteiligung", slug="beteiligung")
    projects = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    bamberg = publish(ModelProjectPageFactory(
        parent=projects, title="Smart City Bamberg", slug="bamberg", funding_phase=1,
        summary="Bamberg vernetzt Kommunen in Oberfranken.",
        municipality=MunicipalityFactory(name="Bamberg", ags="09461000", federal_state="09",
                                         size_class="mittelstadt", population=78_000)))
    ulm = publish(ModelProjectPageFactory(
        parent=projects, title="Zukunftsstadt Ulm", slug="ulm", funding_phase=2,
        summary="Ulm erprobt offene Daten.",
        municipality=MunicipalityFactory(name="Ulm", ags="08421000", size_class="grossstadt",
                                         population=128_000)))
    solutions = publish(SolutionIndexPageFactory(parent=site.root_page, slug="loesungen"))
    parking = SolutionPageFactory(
        parent=bamberg, model_project=bamberg, title="Digitales Parken in der Straße",
        slug="parken", summary="Sensoren zeigen freie Parkplätze in jeder Straße.",
        problem="<p>Der Nahverkehr leidet unter Parksuchverkehr.</p>", maturity="operation")
    parking.topics.add(mobility)
    parking.tags.add("Sensorik")
    publish(parking)
    voting = SolutionPageFactory(
        parent=ulm, model_project=ulm, title="Bürgerbeteiligung online",
        slug="beteiligung", summary="Eine Plattform für die Bürgerbeteiligung aller Kommunen.",
        problem="<p>Wenige Menschen kommen zu Versammlungen.</p>", maturity="pilot")
    voting.topics.add(participation)
    voting.tags.add("Plattform")
    publish(voting)
    publications = publish(PublicationIndexPageFactory(parent=site.root_page, slug="pub"))
    handout = PublicationPageFactory(
        parent=publications, title="Die digitale Stadt gestalten", slug="handreichung",
        summary="Eine Handreichung zur Digitalisierung für Kommunen.", year=2022)
    handout.topics.add(participation)
    publish(handout)
    secret = SolutionPageFactory(
        parent=ulm, model_project=ulm, title="Geheimprojekt Wasserstoffbus",
        slug="geheim", summary="Vertrauliche Planung eines Wasserstoffbusses für Kommunen.",
        maturity="idea")
    secret.tags.add("Vertraulich")
    publish(secret)
    restriction = PageViewRestriction.objects.create(
        page=secret, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.add(secret_group)
    translate(publications, "en", title="Publications", slug="pub-en")
    english = translate(handout, "en", title="Shaping the digital city",
                        summary="A handout on digitalisation for local authorities.")
    return {"parking": parking, "voting": voting, "handout": handout, "secret": secret,
            "english_handout": english, "bamberg": bamberg, "ulm": ulm,
            "solutions": solutions, "mobility": mobility}


@pytest.fixture
def indexed(knowledge, backend):
    index_now()
    return knowledge
