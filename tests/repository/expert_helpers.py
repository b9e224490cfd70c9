"""Experts with solutions they built and run, groups of every visibility, and members in
every role towards them, for the tests of the expert directory (pages and API)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from community.models import (
    GroupVisibility,
    JoinPolicy,
    Membership,
    MembershipState,
    PeerGroupIndexPage,
    PeerGroupPage,
)
from repository.models import Adoption, AdoptionStatus
from repository.reporting.models import TeamMember
from tests.community.factories import MunicipalityFactory
from tests.home.factories import publish
from tests.repository.adoption_helpers import member_of, reporting_setup

EXPERT_EMAIL = "ulmteam@demo.example"


@dataclass
class Directory:
    setting: Any       # the adoption helpers' solution, projects and members
    builder: Any       # listed; in Ulm's team, which built the parking solution
    runner: Any        # listed; contact of Augsburg's confirmed adoption of it
    unlisted: Any      # has expertise, but did not opt in
    reader: Any        # a plain member who reads the directory
    groups: dict[str, PeerGroupPage]


def directory_setup(site: Any) -> Directory:
    setting = reporting_setup(site)
    builder = setting.team_member
    TeamMember.objects.create(project=setting.solution.model_project, user=builder)
    profile = builder.member_profile
    profile.listed_as_expert, profile.role = True, "Smart-City-Team"
    profile.save()
    profile.expertise.set(["Sensorik", "Parken"])
    augsburg = setting.reporter.member_profile.municipality
    runner = member_of("runner", augsburg)
    runner.member_profile.listed_as_expert = True
    runner.member_profile.save()
    runner.member_profile.expertise.set(["Mobilität"])
    Adoption.objects.create(solution=setting.solution, municipality=augsburg,
                            status=AdoptionStatus.IN_OPERATION, contact_name="Runner",
                            contact_email=runner.email.upper())
    unlisted = member_of("unlisted", MunicipalityFactory(name="Kempten", ags="09763000",
                                                         federal_state="09"))
    unlisted.member_profile.expertise.set(["Sensorik"])
    reader = setting.plain_member
    index = publish(site.root_page.add_child(instance=PeerGroupIndexPage(
        title="Peergruppen", slug="peergruppen", locale_id=site.root_page.locale_id)))
    groups = {}
    for visibility, policy in ((GroupVisibility.PUBLIC, JoinPolicy.OPEN),
                               (GroupVisibility.CLOSED, JoinPolicy.REQUEST),
                               (GroupVisibility.SECRET, JoinPolicy.INVITATION)):
        group = publish(index.add_child(instance=PeerGroupPage(
            title=f"Gruppe {visibility}", slug=f"gruppe-{visibility}", topic="Daten",
            description="<p>Daten</p>",
            visibility=visibility, join_policy=policy, locale_id=index.locale_id)))
        group = PeerGroupPage.objects.get(pk=group.pk)
        Membership.objects.create(group=group, user=builder, state=MembershipState.ACTIVE)
        groups[visibility] = group
    return Directory(setting, builder, runner, unlisted, reader, groups)
