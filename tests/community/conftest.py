"""People in every role towards a peer group, and a public, a closed and a secret group
they belong to in different ways."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Permission

from community.models import (
    GroupVisibility,
    JoinPolicy,
    Membership,
    MembershipRole,
    MembershipState,
    PeerGroupIndexPage,
    PeerGroupPage,
)
from tests.community.factories import make_user
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
