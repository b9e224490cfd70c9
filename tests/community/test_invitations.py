"""Invitations into a group by e-mail: for members and for people without an account
yet; the link works once, for the invited address only."""

from __future__ import annotations

import re

import pytest
from django.core import mail

from community.models import Membership, MembershipState
from tests.community.factories import as_user, make_user

pytestmark = pytest.mark.django_db


def invite(client, group, email):
    return client.post(f"/de/gruppen/{group.pk}/einladen/", {"email": email})


def link_path() -> str:
    return re.search(r"https?://testserver(\S+/einladung/\S+/)", mail.outbox[-1].body).group(1)


def test_a_member_accepts_an_invitation_once(client, people, groups):
    secret = groups["secret"]
    as_user(client, people["moderator"])
    invite(client, secret, "OUTSIDER@demo.example")
    path = link_path()
    as_user(client, people["outsider"])
    assert client.get(path).status_code == 200  # asks before it joins
    assert client.post(path).status_code == 302
    membership = Membership.objects.get(group=secret, user=people["outsider"])
    assert membership.state == MembershipState.ACTIVE
    assert client.get(secret.url).status_code == 200
    replay = client.post(path)
    assert replay.status_code == 400 and "bereits verwendet" in replay.content.decode()


def test_someone_without_an_account_signs_up_then_accepts(client, people, groups):
    as_user(client, people["moderator"])
    invite(client, groups["closed"], "neu@kommune.example")
    path = link_path()
    client.logout()
    response = client.get(path)
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
    newcomer = make_user("neu")
    newcomer.email = "neu@kommune.example"
    newcomer.save()
    as_user(client, newcomer)
    client.post(path)
    assert Membership.objects.get(group=groups["closed"], user=newcomer).is_active


def test_the_link_is_for_the_invited_address_only(client, people, groups):
    as_user(client, people["moderator"])
    invite(client, groups["secret"], "jemand@kommune.example")
    path = link_path()
    as_user(client, people["outsider"])
    assert client.post(path).status_code == 403
    assert not Membership.objects.filter(user=people["outsider"]).exists()
    assert client.get("/de/einladung/gefaelscht/").status_code == 400


def test_only_moderators_invite_and_addresses_are_checked(client, people, groups):
    as_user(client, people["member"])
    assert invite(client, groups["closed"], "x@kommune.example").status_code == 404
    as_user(client, people["moderator"])
    invite(client, groups["closed"], "keine-adresse")
    assert not Membership.objects.filter(state=MembershipState.INVITED).exists()
    assert not mail.outbox
