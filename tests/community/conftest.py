"""People in every role towards a peer group, and a public, a closed and a secret group
they belong to in different ways."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission

from community.models import (
    Decision,
    Folder,
    GroupVisibility,
    JoinPolicy,
    Meeting,
    MemberProfile,
    Membership,
    MembershipRole,
    MembershipState,
    OrganisationKind,
    PeerGroupIndexPage,
    PeerGroupPage,
    Thread,
)
from tests.clock import berlin
from tests.community.factories import make_user
from tests.community.working_helpers import FIRST, SECOND, upload
from tests.home.factories import publish


@pytest.fixture
def private_root():
    """The private file store (post attachments), empty before and after the test
    (other tests, such as the demo's, leave files there)."""
    root = Path(settings.PRIVATE_MEDIA_ROOT)
    shutil.rmtree(root, ignore_errors=True)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def people(db):
    people = {name: make_user(name) for name in
              ("outsider", "pending", "member", "moderator", "editor")}
    people["editor"].user_permissions.add(
        Permission.objects.get(codename="change_peergrouppage"))
    return people


@pytest.fixture
def groups(site, people):
    index = site.root_page.add_child(instance=PeerGroupIndexPage(
        title="Peergruppen", slug="peergruppen", locale_id=site.root_page.locale_id))
    publish(index)
    made = {}
    for visibility, policy in ((GroupVisibility.PUBLIC, JoinPolicy.OPEN),
                               (GroupVisibility.CLOSED, JoinPolicy.REQUEST),
                               (GroupVisibility.SECRET, JoinPolicy.INVITATION)):
        group = index.add_child(instance=PeerGroupPage(
            title=f"Gruppe {visibility}", slug=f"gruppe-{visibility}", topic="Daten",
            description=f"<p>Beschreibung {visibility} Datenraum</p>",
            visibility=visibility, join_policy=policy, locale_id=index.locale_id))
        publish(group)
        group = PeerGroupPage.objects.get(pk=group.pk)
        Membership.objects.create(group=group, user=people["member"],
                                  state=MembershipState.ACTIVE)
        Membership.objects.create(group=group, user=people["moderator"],
                                  state=MembershipState.ACTIVE, role=MembershipRole.MODERATOR)
        Membership.objects.create(group=group, user=people["pending"],
                                  state=MembershipState.PENDING)
        made[visibility] = group
    return made


@pytest.fixture
def working(groups, people, private_root) -> dict:
    """The closed group as a working community (issue 21) with a folder, a file in two
    versions, a meeting, an unpublished decision and a thread; its member and moderator
    work for a model project; ``people["neighbour"]`` belongs to another (the public)
    group."""
    group = groups["closed"]
    PeerGroupPage.objects.filter(pk=group.pk).update(
        is_working_community=True, works_on="<p>Offene Datenplattformen für Städte</p>")
    group.refresh_from_db()
    MemberProfile.objects.filter(user__in=[people["member"], people["moderator"]]).update(
        organisation_kind=OrganisationKind.MODEL_PROJECT, organisation="Modellprojekt Ulm")
    neighbour = make_user("neighbour")
    Membership.objects.create(group=groups["public"], user=neighbour,
                              state=MembershipState.ACTIVE)
    people["neighbour"] = neighbour
    folder = Folder.objects.create(group=group, name="Protokollvorlagen",
                                   created_by=people["member"])
    first = upload(folder, people["member"], FIRST)
    second = upload(folder, people["moderator"], SECOND)
    meeting = Meeting.objects.create(
        group=group, title="Geheimes Sitzungsthema", starts_at=berlin("2026-06-17 10:00"),
        ends_at=berlin("2026-06-17 12:00"), agenda="TOP 1: Vertrauliches")
    draft = Decision.objects.create(group=group, title="Interner Entwurfsbeschluss",
                                    summary="Noch nicht öffentlich.",
                                    decided_on=date(2026, 6, 3), created_by=people["moderator"])
    thread = Thread.objects.create(group=group, title="Interne Diskussion Sensorik",
                                   author=people["member"])
    return {"group": group, "folder": folder, "first": first, "second": second,
            "document": second.document, "meeting": meeting, "draft": draft,
            "thread": thread}
