"""/api/v2/peer-groups/ and /api/v2/threads/: the same permissions as the pages; members
write with their session (CSRF checked) or a personal token; 429 when too fast."""

from __future__ import annotations

import pytest
from django.test import Client

from community.models import PersonalToken, Post, Thread
from tests.community.factories import as_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def threads(people, groups):
    made = {}
    for visibility, group in groups.items():
        thread = Thread.objects.create(group=group, title=f"Thema {visibility}",
                                       author=people["member"])
        Post.objects.create(thread=thread, author=people["member"], body=f"Text {visibility}")
        made[visibility] = thread
    return made


@pytest.mark.parametrize("who, readable", [
    (None, {"public"}), ("outsider", {"public"}), ("pending", {"public"}),
    ("member", {"public", "closed", "secret"}), ("editor", {"public", "closed", "secret"})])
def test_reading_follows_the_group_permissions(client, people, threads, who, readable):
    as_user(client, people.get(who))
    listed = {item["title"] for item in client.get("/api/v2/threads/").json()["items"]}
    assert listed == {f"Thema {name}" for name in readable}
    for name, thread in threads.items():
        status = client.get(f"/api/v2/threads/{thread.pk}/").status_code
        assert status == (200 if name in readable else 404), name
    groups = {item["title"] for item in client.get("/api/v2/peer-groups/").json()["items"]}
    assert ("Gruppe secret" in groups) == ("secret" in readable)
    assert "Gruppe closed" in groups  # closed groups are known to everyone


def test_members_post_with_a_personal_token(people, groups, threads):
    _token, raw = PersonalToken.issue(people["member"], "Skript")
    api = Client(HTTP_AUTHORIZATION=f"Token {raw}")
    created = api.post("/api/v2/threads/", {"group": groups["closed"].pk,
                                            "title": "Per API", "body": "Hallo *API*"},
                       content_type="application/json")
    assert created.status_code == 201
    reply = api.post(f"/api/v2/threads/{created.json()['id']}/posts/", {"body": "Antwort"},
                     content_type="application/json")
    assert reply.status_code == 201 and reply.json()["body_html"] == "<p>Antwort</p>"
    _token.revoked_at = _token.created_at
    _token.save()
    refused = api.post("/api/v2/threads/", {"group": groups["closed"].pk, "title": "x",
                                            "body": "y"}, content_type="application/json")
    assert refused.status_code in (401, 403)


def test_session_writes_need_the_csrf_token(people, groups):
    api = Client(enforce_csrf_checks=True)
    api.force_login(people["member"])
    response = api.post("/api/v2/threads/", {"group": groups["public"].pk, "title": "x",
                                             "body": "y"}, content_type="application/json")
    assert response.status_code == 403 and not Thread.objects.exists()


@pytest.mark.parametrize("payload, status", [
    ({"title": "Leer", "body": ""}, 400),
    ({"title": "Zu lang", "body": "x" * 100_000}, 400),
    ({"title": "", "body": "Text"}, 400),
])
def test_bad_posts_are_refused_with_nothing_stored(client, people, groups, payload, status):
    as_user(client, people["member"])
    response = client.post("/api/v2/threads/", {"group": groups["public"].pk, **payload},
                           content_type="application/json")
    assert response.status_code == status and response.json()["message"]
    assert not Thread.objects.exists()


def test_outsiders_and_locked_threads_are_refused(client, people, groups, threads):
    as_user(client, people["outsider"])
    assert client.post("/api/v2/threads/", {"group": groups["secret"].pk, "title": "x",
                                            "body": "y"},
                       content_type="application/json").status_code == 404
    assert client.post("/api/v2/threads/", {"group": groups["closed"].pk, "title": "x",
                                            "body": "y"},
                       content_type="application/json").status_code == 403
    threads["public"].is_locked = True
    threads["public"].save()
    as_user(client, people["member"])
    locked = client.post(f"/api/v2/threads/{threads['public'].pk}/posts/", {"body": "z"},
                         content_type="application/json")
    assert locked.status_code == 403
    assert Post.objects.count() == 3


def test_posting_too_fast_is_a_429(client, people, groups):
    as_user(client, people["member"])
    statuses = [client.post("/api/v2/threads/", {"group": groups["public"].pk,
                                                 "title": f"T{n}", "body": "x"},
                            content_type="application/json").status_code for n in range(8)]
    assert statuses[:6] == [201] * 6 and statuses[-1] == 429


def test_anonymous_cannot_write_and_the_schema_documents_the_endpoints(client, groups):
    response = client.post("/api/v2/threads/", {"group": groups["public"].pk, "title": "x",
                                                "body": "y"}, content_type="application/json")
    assert response.status_code in (401, 403)
    schema = client.get("/api/v2/schema/").json()
    assert {"/api/v2/threads/", "/api/v2/threads/{id}/", "/api/v2/threads/{id}/posts/",
            "/api/v2/peer-groups/"} <= set(schema["paths"])
    body = schema["components"]["schemas"]["ThreadBodyRequest"]
    assert body["properties"]["title"]["maxLength"] == 200
    assert set(body["required"]) == {"group", "title", "body"}


def test_tokens_are_created_shown_once_and_revoked_in_the_account(client, people, groups):
    import re

    as_user(client, people["member"])
    page = client.post("/de/konto/token/", {"name": "Mein Skript"}).content.decode()
    raw = re.search(r'value="(sct_[^"]+)"', page).group(1)
    token = PersonalToken.objects.get(user=people["member"])
    assert token.key_hash != raw and raw not in client.get("/de/konto/").content.decode()
    api = Client(HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.get("/api/v2/threads/").status_code == 200
    client.post(f"/de/konto/token/{token.pk}/widerrufen/")
    assert api.get("/api/v2/threads/").status_code in (401, 403)
    assert client.post("/de/konto/token/", {"name": "  "}).status_code == 302
    assert PersonalToken.objects.count() == 1


def test_api_query_counts_do_not_grow_with_groups_threads_or_posts(client, people, groups,
                                                                   threads):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    as_user(client, people["member"])
    urls = ["/api/v2/peer-groups/", "/api/v2/threads/",
            f"/api/v2/threads/{threads['closed'].pk}/"]

    def counts() -> list[int]:
        found = []
        for url in urls:
            client.get(url)
            with CaptureQueriesContext(connection) as captured:
                assert client.get(url).status_code == 200
            found.append(len(captured))
        return found

    few = counts()
    Thread.objects.bulk_create([Thread(group=groups["public"], title=f"T{n}",
                                       author=people["moderator"]) for n in range(30)])
    Post.objects.bulk_create([Post(thread=threads["closed"], author=people["moderator"],
                                   body=f"P{n}", body_html=f"<p>P{n}</p>") for n in range(60)])
    assert counts() == few


@pytest.mark.parametrize("who", [None, "member"])
def test_the_pages_api_shows_group_content_and_a_secret_group_to_its_members_only(
        client, people, groups, who):
    as_user(client, people.get(who))
    public = client.get(f"/api/v2/pages/{groups['public'].pk}/").json()
    assert public["description"] == "<p>Beschreibung public Datenraum</p>"
    assert (public["topic"], public["visibility"]) == ("Daten", "public")
    index = client.get(f"/api/v2/pages/{groups['public'].get_parent().pk}/").json()
    assert "intro" in index
    # Wagtail's pages API honours the secret group's view restriction (its members).
    secret = client.get(f"/api/v2/pages/{groups['secret'].pk}/").status_code
    assert secret == (200 if who == "member" else 404)
    listed = client.get("/api/v2/pages/?type=community.PeerGroupPage&fields=description").json()
    assert {item["title"] for item in listed["items"]} == {"Gruppe public", "Gruppe closed"} | (
        {"Gruppe secret"} if who == "member" else set())
