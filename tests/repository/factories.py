import factory
import wagtail_factories
from wagtail.models import Locale

from repository.models import (
    FundingPhase,
    Maturity,
    ModelProjectIndexPage,
    ModelProjectPage,
    PublicationIndexPage,
    PublicationKind,
    PublicationPage,
    SolutionIndexPage,
    SolutionPage,
    Topic,
)
from tests.community.factories import MunicipalityFactory
from tests.home.factories import publish


class TopicFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")
    locale = factory.LazyFunction(lambda: Locale.objects.get(language_code="de"))

    class Meta:
        model = Topic


def english_topic(topic: Topic, name: str) -> Topic:
    translation = topic.copy_for_translation(Locale.objects.get(language_code="en"))
    translation.name = name
    translation.save()
    return translation


class ModelProjectIndexPageFactory(wagtail_factories.PageFactory):
    title = "Modellprojekte"
    slug = factory.Sequence(lambda n: f"modellprojekte-{n}")

    class Meta:
        model = ModelProjectIndexPage


class ModelProjectPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Smarte Musterstadt {n}")
    slug = factory.Sequence(lambda n: f"smarte-musterstadt-{n}")
    municipality = factory.SubFactory(MunicipalityFactory)
    funding_phase = FundingPhase.SECOND
    funding_start = 2020
    funding_end = 2027
    summary = "Eine Musterstadt erprobt digitale Werkzeuge für die Stadtentwicklung."

    class Meta:
        model = ModelProjectPage


class SolutionIndexPageFactory(wagtail_factories.PageFactory):
    title = "Lösungen"
    slug = factory.Sequence(lambda n: f"loesungen-{n}")

    class Meta:
        model = SolutionIndexPage


class SolutionPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Lösung {n}")
    slug = factory.Sequence(lambda n: f"loesung-{n}")
    summary = "Eine übertragbare Lösung."
    problem = "<p>Parkplatzsuche verursacht Verkehr.</p>"
    approach = "<p>Sensoren melden freie Plätze.</p>"
    maturity = Maturity.PILOT

    class Meta:
        model = SolutionPage


class PublicationIndexPageFactory(wagtail_factories.PageFactory):
    title = "Publikationen"
    slug = factory.Sequence(lambda n: f"publikationen-{n}")

    class Meta:
        model = PublicationIndexPage


class PublicationPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Handreichung {n}")
    slug = factory.Sequence(lambda n: f"handreichung-{n}")
    kind = PublicationKind.HANDOUT
    year = 2022
    publisher = "BBSR"
    summary = "Eine Handreichung für Kommunen."

    class Meta:
        model = PublicationPage


def add_solutions(project, count, **fields):
    return [publish(SolutionPageFactory(parent=project, model_project=project, **fields))
            for _ in range(count)]
