"""A small landscape for the self-assessment: a village and a large city with model
projects of their size nearby, solutions their peers adopted, and the programme's
coming events of each format."""

from __future__ import annotations

import importlib
from decimal import Decimal
from typing import Any

from community.models import FederalState, SizeClass
from events.models import EventFormat
from repository.models import Adoption, AdoptionStatus
from tests.community.factories import MunicipalityFactory
from tests.events.factories import event_calendar, make_event
from tests.home.factories import publish
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    SolutionPageFactory,
)

# A village at the start: no strategy, nobody, paper, no participation, no budget.
AT_THE_START = {"strategy": "none", "organisation": "nobody", "data": "paper",
                "participation": "none", "funding": "none"}
# A large city with an adopted strategy and a team of its own.
WITH_A_STRATEGY = {"strategy": "implementing", "organisation": "team", "data": "platform",
                   "participation": "co-creating", "funding": "budget"}

def municipality(name: str, ags: str, state: str, size_class: str, population: int,
                 latitude: str, longitude: str) -> Any:
    return MunicipalityFactory(name=name, ags=ags, federal_state=state,
                               size_class=size_class, population=population,
                               latitude=Decimal(latitude), longitude=Decimal(longitude))


def landscape(site: Any) -> dict[str, Any]:
    village = municipality("Kleinwalde", "12069999", FederalState.BRANDENBURG,
                           SizeClass.LANDGEMEINDE, 1_800, "52.100000", "12.600000")
    city = municipality("Leipzig", "14713000", FederalState.SACHSEN, SizeClass.GROSSSTADT,
                        600_000, "51.340000", "12.370000")
    index = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="modellprojekte"))
    rural_home = municipality("Wiesenfeld", "12069998", FederalState.BRANDENBURG,
                              SizeClass.LANDGEMEINDE, 2_500, "52.300000", "12.800000")
    city_home = municipality("Dresden", "14612000", FederalState.SACHSEN,
                             SizeClass.GROSSSTADT, 560_000, "51.050000", "13.740000")
    rural_project = publish(ModelProjectPageFactory(
        parent=index, title="Digitale Dörfer Wiesenfeld", slug="wiesenfeld",
        municipality=rural_home))
    city_project = publish(ModelProjectPageFactory(
        parent=index, title="Smart City Dresden", slug="dresden", municipality=city_home))
    village_app = publish(SolutionPageFactory(
        parent=rural_project, model_project=rural_project, title="Dorf-App", slug="dorf-app"))
    data_platform = publish(SolutionPageFactory(
        parent=city_project, model_project=city_project, title="Urbane Datenplattform",
        slug="datenplattform"))
    Adoption.objects.create(solution=village_app, status=AdoptionStatus.IN_OPERATION,
                            contact_name="Petra Sommer", municipality=municipality(
                                "Heidedorf", "12069997", FederalState.BRANDENBURG,
                                SizeClass.LANDGEMEINDE, 900, "52.200000", "12.500000"))
    Adoption.objects.create(solution=data_platform, status=AdoptionStatus.IN_PROGRESS,
                            municipality=municipality(
                                "Chemnitz", "14511000", FederalState.SACHSEN,
                                SizeClass.GROSSSTADT, 240_000, "50.830000", "12.920000"))
    calendar = event_calendar(site)
    kickoff = make_event(calendar, title="Auftaktwerkstatt Herbst",
                         format=EventFormat.KICKOFF)
    conference = make_event(calendar, title="Regionalkonferenz Ost",
                            format=EventFormat.REGIONAL_CONFERENCE)
    return {"village": village, "city": city, "village_app": village_app,
            "data_platform": data_platform, "kickoff": kickoff, "conference": conference}


def form_data(answers: dict[str, str], municipality: Any = None, **extra: Any) -> dict:
    data = {**answers, **extra}
    if municipality is not None:
        data["municipality"] = str(municipality.pk)
    return data


def seed_stages() -> None:
    """The stages as the data migration seeds them, for tests on a flushed database
    (browser tests run in transactions that empty every table afterwards)."""
    from django.apps import apps

    seed = importlib.import_module("events.migrations.0008_seed_maturity_stages").seed
    seed(apps, None)
