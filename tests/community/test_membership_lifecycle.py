"""Access ends when membership ends, on every path and every surface.

A member of a secret group reads its thread, post and file everywhere; then the
membership ends in one of the ways it can end, and the same person looks again through
every surface: the pages, the file download, both community APIs (by session and by
personal token), search hits, totals, facets, the search page, type-ahead and similar
content. Nothing of the group may show. Before issue 24, deleting the row (admin, bulk,
queryset) left the person in the group's access group, and the APIs and search still
answered from it.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from community.models import (
    Attachment,
    Membership,
    MembershipState,
    PersonalToken,
    Post,
    Thread,
)
from search import service
from tests.search.indexing import index_now

pytestmark = [pytest.mark.django_db, pytest.mark.search_engine]

WORD = "Glasfaserkooperation"
PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def world(settings, search_engine, people, groups, private_root):
    settings.SEARCH_BACKEND = "elasticsearch"
    secret, public = groups["secret"], groups["public"]
    member = people["member"]
    thread = Thread.objects.create(group=secret, title=f"{WORD} im Landkreis", author=member)
    post = Post.objects.create(thread=thread, author=member,
                               body=f"Die {WORD} mit den Stadtwerken steht.")
    attachment = Attachment(post=post, name="Vertrag.pdf", content_type="application/pdf",
                            size=len(PDF))
    attachment.file.save("lifecycle/vertrag.pdf", SimpleUploadedFile("v.pdf", PDF), save=True)
    # A public thread on the same subject: its "similar content" is where a leak shows.
    neighbour = Thread.objects.create(group=public, title=f"{WORD} in der Region",
                                      author=people["moderator"])
    Post.objects.create(thread=neighbour, author=people["moderator"],
                        body=f"Wie gelingt eine {WORD} mit den Stadtwerken?")
    index_now()
    _token, raw = PersonalToken.issue(member, "Lesen")
    admin = get_user_model().objects.create_superuser("admin@demo.example",
                                                      "admin@demo.example", "geheim-123")
    return {"secret": secret, "thread": thread, "attachment": attachment, "member": member,
            "token": raw, "neighbour": neighbour, "admin": admin, "people": people}


def looks(w, client: Client) -> dict[str, bool]:
    """What of the secret group the member finds, surface by surface (True: it shows)."""
    secret, thread = w["secret"], w["thread"]
    token = {"HTTP_AUTHORIZATION": f"Token {w['token']}"}
    seen = {}
    seen["group page"] = client.get(secret.url).status_code == 200
    seen["thread page"] = client.get(
        f"/de/gruppen/{secret.pk}/themen/{thread.pk}/").status_code == 200
    seen["file download"] = client.get(w["attachment"].get_absolute_url()).status_code == 200
    for how, headers, api in (("session", {}, client), ("token", token, Client())):
        groups = api.get("/api/v2/peer-groups/", **headers)
        seen[f"peer-groups API ({how})"] = groups.status_code == 200 and any(
            item["id"] == secret.pk for item in groups.json()["items"])
        listing = api.get(f"/api/v2/threads/?group={secret.pk}", **headers)
        seen[f"threads API listing ({how})"] = (
            listing.status_code == 200 and listing.json()["meta"]["total_count"] > 0)
        detail = api.get(f"/api/v2/threads/{thread.pk}/", **headers)
        seen[f"threads API detail ({how})"] = detail.status_code == 200
    # The search API knows sessions only (a token there counts as nobody).
    found = client.get(f"/api/v2/search/?q={WORD}").json()
    seen["search hits"] = any(inside(secret, item["url"]) for item in found["items"])
    # The public neighbour has a thread and a post: anything above two is secret.
    seen["search total"] = found["meta"]["total_count"] > 2
    counts = {value["value"]: value["count"] for facet in found["facets"]
              if facet["name"] == "type" for value in facet["values"]}
    seen["search facets"] = counts.get("thread", 0) > 1 or counts.get("post", 0) > 1
    suggested = client.get(f"/api/v2/search/suggest/?q={WORD[:9]}").json()
    seen["suggest"] = any(inside(secret, item["url"]) for item in suggested["items"])
    seen["search page"] = "im Landkreis" in client.get(f"/de/suche/?q={WORD}").content.decode()
    reader = get_user_model().objects.filter(pk=w["member"].pk, is_active=True).first()
    similar = service.similar(f"thread:{w['neighbour'].pk}",
                              principals=service.principals_for(reader),
                              sources=("thread", "post"), language="de", limit=10)
    seen["similar content"] = any(inside(secret, hit.url) for hit in similar)
    return seen


def inside(group, url: str) -> bool:
    return f"/gruppen/{group.pk}/" in url


def row(w) -> Membership:
    return Membership.objects.get(group=w["secret"], user=w["member"])


def admin_client(w) -> Client:
    client = Client()
    client.force_login(w["admin"])
    return client


def leave(w, member_client):
    member_client.post(reverse("community:leave", args=[w["secret"].pk]))


def removed_by_moderator(w, member_client):
    moderator = Client()
    moderator.force_login(w["people"]["moderator"])
    moderator.post(reverse("community:remove_member", args=[w["secret"].pk, row(w).pk]),
                   {"reason": "Ausgeschieden"})


def declined_after_asking_again(w, member_client):
    """Set back to "requested" (a bulk change), then declined by a moderator."""
    Membership.objects.filter(pk=row(w).pk).update(state=MembershipState.PENDING)
    moderator = Client()
    moderator.force_login(w["people"]["moderator"])
    moderator.post(reverse("community:decide", args=[w["secret"].pk, row(w).pk]),
                   {"decision": "decline", "reason": "Nicht mehr zuständig"})


def state_changed_in_the_admin(w, member_client):
    membership = row(w)
    admin_client(w).post(reverse("wagtailsnippets_community_membership:edit",
                                 args=[membership.pk]), {
        "group": membership.group_id, "user": membership.user_id, "invited_email": "",
        "state": MembershipState.REMOVED, "role": membership.role, "reason": "",
        "decided_at": ""})


def deleted_in_the_admin(w, member_client):
    admin_client(w).post(reverse("wagtailsnippets_community_membership:delete",
                                 args=[row(w).pk]))


def bulk_deleted_in_the_admin(w, member_client):
    url = reverse("wagtail_bulk_action", args=["community", "membership", "delete"])
    admin_client(w).post(f"{url}?id={row(w).pk}")


def bulk_state_change(w, member_client):
    Membership.objects.filter(group=w["secret"]).update(state=MembershipState.LEFT)


def queryset_delete(w, member_client):
    Membership.objects.filter(user=w["member"]).delete()


def account_deleted_by_the_member(w, member_client):
    member_client.post(reverse("community:delete"), {"password": "geheim-123",
                                                     "confirm": "on"})


def user_deleted_in_the_admin(w, member_client):
    admin_client(w).post(reverse("wagtailusers_users:delete", args=[w["member"].pk]))


def group_deleted_in_the_admin(w, member_client):
    admin_client(w).post(reverse("wagtailadmin_pages:delete", args=[w["secret"].pk]))


PATHS: dict[str, Callable] = {
    "leave": leave,
    "remove": removed_by_moderator,
    "decline": declined_after_asking_again,
    "state change in the admin": state_changed_in_the_admin,
    "delete in the admin": deleted_in_the_admin,
    "bulk delete in the admin": bulk_deleted_in_the_admin,
    "bulk state change": bulk_state_change,
    "queryset delete": queryset_delete,
    "account deletion": account_deleted_by_the_member,
    "user deleted in the admin": user_deleted_in_the_admin,
    "group deletion": group_deleted_in_the_admin,
}


@pytest.mark.parametrize("path", PATHS)
def test_access_ends_on_every_surface_when_the_membership_ends(world, path):
    member_client = Client()
    member_client.force_login(world["member"])
    before = looks(world, member_client)
    assert all(before.values()), {name for name, shown in before.items() if not shown}
    access_group = world["secret"].access_group_id

    PATHS[path](world, member_client)
    index_now()  # what the index sync would do next; access must not wait for it

    after = looks(world, member_client)
    assert not any(after.values()), {name for name, shown in after.items() if shown}
    assert not Group.objects.filter(pk=access_group, user__pk=world["member"].pk).exists()


def test_the_apis_ask_the_membership_not_its_mirror(world):
    """Someone put into the access group by hand (not a member) reads nothing through
    the community APIs; an editor, in no access group, reads everything."""
    outsider = world["people"]["outsider"]
    outsider.groups.add(world["secret"].access_group)
    client = Client()
    client.force_login(outsider)
    assert client.get(f"/api/v2/threads/{world['thread'].pk}/").status_code == 404
    assert client.get(f"/api/v2/threads/?group={world['secret'].pk}").json()["meta"][
        "total_count"] == 0
    editor = Client()
    editor.force_login(world["people"]["editor"])
    assert editor.get(f"/api/v2/threads/{world['thread'].pk}/").status_code == 200
    assert not world["people"]["editor"].groups.exists()
