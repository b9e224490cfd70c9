"""Peer groups from the outside: every action as anonymous, outsider, pending member,
member, moderator and editor; a secret group is invisible to all but its members in
pages, the pages API and search."""

from __future__ import annotations

import pytest

from community.models import (
    Membership,
    MembershipState,
)
from search import service
from search.service import SearchRequest, principals_for
from search.sync import sync_search_index_now
from tests.community.factories import as_user

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("who, sees_secret", [
    (None, False), ("outsider", False), ("pending", False), ("member", True),
    ("moderator", True), ("editor", True)])
def test_secret_group_is_seen_only_by_its_members_and_editors(client, people, groups, who,
                                                              sees_secret, settings):
    settings.SEARCH_BACKEND = "database"
    sync_search_index_now()
    user = people.get(who)
    as_user(client, user)
    secret = groups["secret"]
    page = client.get(secret.url)
    assert page.status_code == (200 if sees_secret else 404)
    listing = client.get("/de/peergruppen/").content.decode()
    assert ("Gruppe secret" in listing) == sees_secret
    assert "Gruppe closed" in listing and "Gruppe public" in listing
    # Members find it through the pages API too (Wagtail's view restriction: membership
    # alone); search asks the permissions module, so editors, who read every group,
    # find it as well.
    as_member = sees_secret and who != "editor"
    api = client.get("/api/v2/pages/?type=community.PeerGroupPage").json()
    assert ("Gruppe secret" in [item["title"] for item in api["items"]]) == as_member
    found = service.search(SearchRequest(query="Datenraum", principals=principals_for(user)))
    titles = [hit.title.replace("<mark>", "").replace("</mark>", "") for hit in found.hits]
    assert ("Gruppe secret" in titles) == sees_secret
    assert found.total == len(titles)


@pytest.mark.parametrize("who", [None, "outsider", "pending"])
def test_closed_group_shows_its_description_but_not_its_members(client, people, groups, who):
    as_user(client, people.get(who))
    html = client.get(groups["closed"].url).content.decode()
    assert "Beschreibung closed" in html
    assert "Nur Mitglieder lesen" in html or "Only members read" in html
    assert "Moderator" not in html


def test_joining_an_open_group_is_immediate(client, people, groups):
    as_user(client, people["outsider"])
    response = client.post(f"/de/gruppen/{groups['public'].pk}/beitreten/")
    assert response.status_code == 302
    membership = Membership.objects.get(group=groups["public"], user=people["outsider"])
    assert membership.state == MembershipState.ACTIVE
    assert people["outsider"].groups.filter(pk=groups["public"].access_group_id).exists()


def test_request_approve_and_decline_with_a_reason(client, people, groups):
    closed = groups["closed"]
    as_user(client, people["outsider"])
    client.post(f"/de/gruppen/{closed.pk}/beitreten/")
    request = Membership.objects.get(group=closed, user=people["outsider"])
    assert request.state == MembershipState.PENDING
    # Members who are no moderators cannot decide; the outsider neither.
    for user in ("outsider", "member"):
        as_user(client, people[user])
        assert client.post(f"/de/gruppen/{closed.pk}/anfragen/{request.pk}/",
                           {"decision": "approve"}).status_code == 404
    as_user(client, people["moderator"])
    refused = client.post(f"/de/gruppen/{closed.pk}/anfragen/{request.pk}/",
                          {"decision": "decline"})
    assert refused.status_code == 400  # a decline needs a reason
    client.post(f"/de/gruppen/{closed.pk}/anfragen/{request.pk}/",
                {"decision": "decline", "reason": "Nur für Modellprojekte."})
    request.refresh_from_db()
    assert request.state == MembershipState.DECLINED
    as_user(client, people["outsider"])
    assert "Nur für Modellprojekte." in client.get(closed.url).content.decode()
    pending = Membership.objects.get(group=closed, user=people["pending"])
    as_user(client, people["editor"])
    client.post(f"/de/gruppen/{closed.pk}/anfragen/{pending.pk}/", {"decision": "approve"})
    pending.refresh_from_db()
    assert pending.state == MembershipState.ACTIVE


def test_secret_group_cannot_be_joined_by_guessing_its_id(client, people, groups):
    as_user(client, people["outsider"])
    assert client.post(f"/de/gruppen/{groups['secret'].pk}/beitreten/").status_code == 404
    assert not Membership.objects.filter(user=people["outsider"]).exists()


def test_members_leave_and_moderators_remove(client, people, groups):
    public = groups["public"]
    as_user(client, people["member"])
    client.post(f"/de/gruppen/{public.pk}/verlassen/")
    member = Membership.objects.get(group=public, user=people["member"])
    assert member.state == MembershipState.LEFT
    assert not people["member"].groups.filter(pk=public.access_group_id).exists()
    assert client.post(f"/de/gruppen/{public.pk}/verlassen/").status_code == 400
    closed = groups["closed"]
    target = Membership.objects.get(group=closed, user=people["member"])
    as_user(client, people["outsider"])
    url = f"/de/gruppen/{closed.pk}/mitglieder/{target.pk}/entfernen/"
    assert client.post(url).status_code == 404
    as_user(client, people["moderator"])
    assert client.post(url).status_code == 302
    target.refresh_from_db()
    assert target.state == MembershipState.REMOVED


def test_anonymous_actions_go_to_sign_in(client, groups):
    response = client.post(f"/de/gruppen/{groups['public'].pk}/beitreten/")
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]
