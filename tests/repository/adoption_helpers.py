"""A solution with two model projects' teams and members of other municipalities, for the
tests of self-reported adoptions (unit, API and browser)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from repository.models import Maturity, SolutionPage
from tests.community.factories import MunicipalityFactory, make_user
from tests.home.factories import publish, translate
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    SolutionIndexPageFactory,
    SolutionPageFactory,
)


@dataclass
class Reporting:
    solution: SolutionPage
    english: SolutionPage
    reporter: Any      # a member in Augsburg, which did not develop the solution
    team_member: Any   # in the team of Ulm's model project, which developed it
    other_team: Any    # in the team of Bamberg's model project
    plain_member: Any  # a member without a municipality
    ulm_member: Any    # a member of the developing municipality
    editor: Any        # the office's editor (in the Editors group)


def member_of(name: str, municipality: Any = None, language: str = "de") -> Any:
    user = make_user(name)
    user.member_profile.municipality = municipality
    user.member_profile.language = language
    user.member_profile.save()
    return user


def reporting_setup(site: Any) -> Reporting:
    projects = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    translate(projects, "en", slug="projects")
    ulm_town = MunicipalityFactory(name="Ulm", ags="08421000")
    ulm = publish(ModelProjectPageFactory(parent=projects, title="Zukunftsstadt Ulm",
                                          slug="ulm", municipality=ulm_town))
    bamberg = publish(ModelProjectPageFactory(
        parent=projects, title="Smart City Bamberg", slug="bamberg",
        municipality=MunicipalityFactory(name="Bamberg", ags="09461000", federal_state="09")))
    publish(SolutionIndexPageFactory(parent=site.root_page, slug="loesungen"))
    solution = publish(SolutionPageFactory(parent=ulm, model_project=ulm, slug="parken",
                                           title="Freie Parkplätze in Echtzeit",
                                           maturity=Maturity.OPERATION))
    translate(ulm, "en", slug="ulm-en")
    english = translate(solution, "en", title="Free parking spaces in real time",
                        slug="parking")
    team_member = member_of("ulmteam", ulm_town, language="en")
    team_member.groups.add(ulm.team)
    other_team = member_of("bambergteam", bamberg.municipality)
    other_team.groups.add(bamberg.team)
    editor = get_user_model().objects.create_user("redaktion@kts.example",
                                                  "redaktion@kts.example", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    return Reporting(
        solution=solution, english=english,
        reporter=member_of("augsburg", MunicipalityFactory(name="Augsburg", ags="09761000",
                                                           federal_state="09")),
        team_member=team_member, other_team=other_team, plain_member=member_of("ohne"),
        ulm_member=member_of("ulmer", ulm_town), editor=editor)
