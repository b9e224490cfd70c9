"""Every community action, tried from the outside by each of the six roles towards a
closed group (and its secret sibling): anonymous, outsider, pending member, member,
moderator, editor. Each action runs in a savepoint that is rolled back, so one role's
attempt never changes what the next finds.

Outcomes: "ok" (done), "login" (sent to sign in), "denied" (403), "hidden" (404: the
thing does not exist for this reader), "refused" (400 with a message).
"""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from community.models import Attachment, Membership, MembershipState, Post, Thread
from search.service import SearchRequest, principals_for, search
from search.sync import sync_search_index_now
from tests.community.factories import as_user, make_user

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "pending", "member", "moderator", "editor")
PDF = b"%PDF-1.4\n%%EOF\n"


def outcome(response) -> str:
    status = response.status_code
    if status == 302 and "/konto/anmelden/" in response.get("Location", ""):
        return "login"
    if status == 401:
        return "login"
    return {200: "ok", 201: "ok", 302: "ok", 400: "refused", 403: "denied",
            404: "hidden"}.get(status, f"status {status}")


@pytest.fixture
def world(people, groups, private_root):
    closed, secret = groups["closed"], groups["secret"]
    thread = Thread.objects.create(group=closed, title="Vergabe Sensorik",
                                   author=people["member"])
    by_member = Post.objects.create(thread=thread, author=people["member"],
                                    body="Wer hat **Sensorik** ausgeschrieben?")
    by_moderator = Post.objects.create(thread=thread, author=people["moderator"],
                                       body="Wir, letztes Jahr.")
    attachment = Attachment(post=by_member, name="Leistungsverzeichnis.pdf",
                            content_type="application/pdf", size=len(PDF))
    attachment.file.save("matrix/lv.pdf", SimpleUploadedFile("lv.pdf", PDF), save=True)
    secret_thread = Thread.objects.create(group=secret, title="Vertraulich",
                                          author=people["member"])
    Post.objects.create(thread=secret_thread, author=people["member"], body="Intern")
    requester = make_user("requester")
    request = Membership.objects.create(group=closed, user=requester,
                                        state=MembershipState.PENDING)
    member_row = Membership.objects.get(group=closed, user=people["member"])
    sync_search_index_now()
    return {"closed": closed, "secret": secret, "thread": thread, "by_member": by_member,
            "by_moderator": by_moderator, "attachment": attachment,
            "secret_thread": secret_thread, "request": request, "member_row": member_row}


def actions(w) -> dict[str, Callable]:
    closed, thread = w["closed"], w["thread"]
    base = f"/de/gruppen/{closed.pk}"
    thread_path = f"{base}/themen/{thread.pk}/"
    secret_thread = f"/de/gruppen/{w['secret'].pk}/themen/{w['secret_thread'].pk}/"
    return {
        "see the closed group": lambda c: c.get(closed.url),
        "see the secret group": lambda c: c.get(w["secret"].url),
        "read the thread": lambda c: c.get(thread_path),
        "read a secret thread": lambda c: c.get(secret_thread),
        "download a file": lambda c: c.get(w["attachment"].get_absolute_url()),
        "start a thread": lambda c: c.post(f"{base}/themen/neu/",
                                           {"title": "Neu", "body": "Text"}),
        "reply": lambda c: c.post(thread_path + "antworten/", {"body": "Antwort"}),
        "edit the member's post": lambda c: c.post(
            f"/de/beitraege/{w['by_member'].pk}/bearbeiten/", {"body": "Geändert"}),
        "delete the member's post": lambda c: c.post(
            f"/de/beitraege/{w['by_member'].pk}/loeschen/"),
        "report the moderator's post": lambda c: c.post(
            f"/de/beitraege/{w['by_moderator'].pk}/melden/", {"reason": "Off-topic"}),
        "hide a post": lambda c: c.post(f"/de/beitraege/{w['by_member'].pk}/moderieren/",
                                        {"action": "hide", "note": "x"}),
        "lock the thread": lambda c: c.post(thread_path + "moderieren/", {"action": "lock"}),
        "join": lambda c: c.post(f"{base}/beitreten/"),
        "leave": lambda c: c.post(f"{base}/verlassen/"),
        "approve a request": lambda c: c.post(f"{base}/anfragen/{w['request'].pk}/",
                                              {"decision": "approve"}),
        "remove the member": lambda c: c.post(
            f"{base}/mitglieder/{w['member_row'].pk}/entfernen/"),
        "invite": lambda c: c.post(f"{base}/einladen/", {"email": "neu@example.org"}),
        "API: read the thread": lambda c: c.get(f"/api/v2/threads/{thread.pk}/"),
        "API: reply": lambda c: c.post(f"/api/v2/threads/{thread.pk}/posts/",
                                       {"body": "Per API"}, content_type="application/json"),
        "see a member's profile": lambda c: c.get(f"/de/mitglieder/{w['by_member'].author_id}/"),
    }


# What each role may do towards the closed group; None marks an action the row's role
# cannot meaningfully try (it is still tried and must not succeed unexpectedly).
EXPECTED = {
    #                               anonymous outsider  pending   member    moderator editor
    "see the closed group":        ("ok",     "ok",     "ok",     "ok",     "ok",     "ok"),
    "see the secret group":        ("hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "read the thread":             ("hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "read a secret thread":        ("hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "download a file":             ("hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "start a thread":              ("login",  "denied", "denied", "ok",     "ok",     "denied"),
    "reply":                       ("login",  "hidden", "hidden", "ok",     "ok",     "denied"),
    "edit the member's post":      ("login",  "hidden", "hidden", "ok",     "denied", "denied"),
    "delete the member's post":    ("login",  "hidden", "hidden", "ok",     "denied", "denied"),
    "report the moderator's post": ("login",  "hidden", "hidden", "ok",     "denied", "ok"),
    "hide a post":                 ("login",  "hidden", "hidden", "hidden", "ok",     "ok"),
    "lock the thread":             ("login",  "hidden", "hidden", "hidden", "ok",     "ok"),
    "join":                        ("login",  "ok",     "refused", "refused", "refused", "ok"),
    "leave":                       ("login",  "refused", "ok",    "ok",     "ok",     "refused"),
    "approve a request":           ("login",  "hidden", "hidden", "hidden", "ok",     "ok"),
    "remove the member":           ("login",  "hidden", "hidden", "hidden", "ok",     "ok"),
    "invite":                      ("login",  "hidden", "hidden", "hidden", "ok",     "ok"),
    "API: read the thread":        ("hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "API: reply":                  ("login",  "hidden", "hidden", "ok",     "ok",     "denied"),
    "see a member's profile":      ("login",  "ok",     "ok",     "ok",     "ok",     "ok"),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_action_as_every_role(client, people, world, role):
    user = None if role == "anonymous" else people[role]
    as_user(client, user)
    column = ROLES.index(role)
    found = {}
    for name, act in actions(world).items():
        cache.clear()  # the posting rate limit is not what this test is about
        with transaction.atomic():
            found[name] = outcome(act(client))
            transaction.set_rollback(True)
    expected = {name: row[column] for name, row in EXPECTED.items()}
    assert found == expected


@pytest.mark.parametrize("role", ROLES)
def test_search_shows_the_closed_groups_thread_to_readers_only(people, world, role):
    user = None if role == "anonymous" else people[role]
    found = search(SearchRequest(query="Sensorik", principals=principals_for(user)))
    readers = {"member", "moderator", "editor"}
    assert (found.total > 0) is (role in readers), role
    secret = search(SearchRequest(query="Vertraulich", principals=principals_for(user)))
    assert (secret.total > 0) is (role in readers), role
