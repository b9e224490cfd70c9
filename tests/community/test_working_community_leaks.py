"""Leak probes of a working community (issue 21): every members' surface tried by every
role, from the outside: pages, file URLs (the latest and an older version), the iCal
feed, the API, the writing actions, search, the counts on the group's page and API,
and the sitemap. Outcomes as in test_permission_matrix: "ok", "login", "denied" (403),
"hidden" (404), "refused" (400)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from search.service import SearchRequest, principals_for, search
from search.sync import sync_search_index_now
from tests.community.factories import as_user
from tests.community.working_helpers import FIRST, url

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "outsider", "neighbour", "pending", "member", "moderator", "editor")
SECRETS = ("Datenmodell.pdf", "Protokollvorlagen", "Geheimes Sitzungsthema",
           "Interner Entwurfsbeschluss", "TOP 1: Vertrauliches")


def outcome(response) -> str:
    return {200: "ok", 201: "ok", 302: "ok", 400: "refused", 401: "login", 403: "denied",
            404: "hidden"}.get(response.status_code, f"status {response.status_code}")


def actions(w) -> dict[str, Callable]:
    group, folder, meeting = w["group"].pk, w["folder"].pk, w["meeting"].pk
    plan = {"title": "Neu", "starts_at": "2026-07-01T10:00", "ends_at": "2026-07-01T11:00"}
    return {
        "document space": lambda c: c.get(url("documents", group)),
        "folder": lambda c: c.get(url("folder", group, folder)),
        "latest version": lambda c: c.get(w["second"].get_absolute_url()),
        "older version": lambda c: c.get(w["first"].get_absolute_url()),
        "meetings": lambda c: c.get(url("meetings", group)),
        "a meeting": lambda c: c.get(url("meeting", group, meeting)),
        "iCal feed": lambda c: c.get(url("meetings_calendar", group)),
        "calendar link": lambda c: c.post(url("meetings_calendar_link_create", group)),
        "decisions": lambda c: c.get(url("decisions", group)),
        "API": lambda c: c.get(f"/api/v2/working-communities/{group}/"),
        "public summary": lambda c: c.get(url("results", group)),
        "public page": lambda c: c.get(url("works_on", group)),
        "upload": lambda c: c.post(url("folder", group, folder), {
            "file": SimpleUploadedFile("Datenmodell.pdf", FIRST)}),
        "new folder": lambda c: c.post(url("documents", group), {"name": "Neu"}),
        "delete a file": lambda c: c.post(url("delete_document", group, w["document"].pk)),
        "plan a meeting": lambda c: c.post(url("meetings", group), plan),
        "record attendance": lambda c: c.post(url("attendance", group, meeting)),
        "record a decision": lambda c: c.post(url("decisions", group), {
            "title": "B", "summary": "S", "decided_on": "2026-06-01"}),
        "publish a decision": lambda c: c.post(url("publish_decision", group, w["draft"].pk)),
    }


EXPECTED = {
    #                      anonymous outsider neighbour pending   member    moderator editor
    "document space":     ("hidden", "hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "folder":             ("hidden", "hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "latest version":     ("hidden", "hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "older version":      ("hidden", "hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "meetings":           ("hidden", "hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "a meeting":          ("hidden", "hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "iCal feed":          ("hidden", "hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "calendar link":      ("hidden", "hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "decisions":          ("hidden", "hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "API":                ("hidden", "hidden", "hidden", "hidden", "ok",     "ok",     "ok"),
    "public summary":     ("ok",     "ok",     "ok",     "ok",     "ok",     "ok",     "ok"),
    "public page":        ("ok",     "ok",     "ok",     "ok",     "ok",     "ok",     "ok"),
    "upload":             ("hidden", "hidden", "hidden", "hidden", "ok",     "ok",     "denied"),
    "new folder":         ("hidden", "hidden", "hidden", "hidden", "ok",     "ok",     "denied"),
    "delete a file":      ("hidden", "hidden", "hidden", "hidden", "denied", "ok",     "ok"),
    "plan a meeting":     ("hidden", "hidden", "hidden", "hidden", "denied", "ok",     "ok"),
    "record attendance":  ("hidden", "hidden", "hidden", "hidden", "denied", "ok",     "ok"),
    "record a decision":  ("hidden", "hidden", "hidden", "hidden", "denied", "ok",     "ok"),
    "publish a decision": ("hidden", "hidden", "hidden", "hidden", "denied", "ok",     "ok"),
}


@pytest.mark.parametrize("role", ROLES)
def test_every_surface_as_every_role(client, people, working, role):
    as_user(client, people.get(role))
    found = {}
    for name, act in actions(working).items():
        with transaction.atomic():
            found[name] = outcome(act(client))
            transaction.set_rollback(True)
    assert found == {name: row[ROLES.index(role)] for name, row in EXPECTED.items()}


@pytest.mark.parametrize("role", ROLES)
def test_no_role_finds_the_closed_content_in_search(people, working, role):
    """Documents, meetings and decisions are not in the search index at all; the
    group's thread is found by its readers only (as for every closed group)."""
    sync_search_index_now()
    principals = principals_for(people.get(role))
    for secret in ("Datenmodell", "Protokollvorlagen", "Sitzungsthema", "Entwurfsbeschluss"):
        assert search(SearchRequest(query=secret, principals=principals)).total == 0, secret
    readers = role in ("member", "moderator", "editor")
    found = search(SearchRequest(query="Sensorik", principals=principals)).total
    assert (found > 0) is readers


@pytest.mark.parametrize("role", ("anonymous", "outsider", "neighbour", "pending"))
def test_outsiders_see_no_names_or_numbers_of_the_closed_content(client, people, working,
                                                                 role):
    as_user(client, people.get(role))
    pages = [client.get(working["group"].url), client.get(url("works_on", working["group"].pk)),
             client.get(url("results", working["group"].pk)),
             client.get("/api/v2/peer-groups/")]
    for response in pages:
        text = response.content.decode()
        assert response.status_code == 200
        for secret in SECRETS:
            assert secret not in text, (response.request["PATH_INFO"], secret)
    listed = {item["id"]: item for item in pages[-1].json()["items"]}
    assert listed[working["group"].pk]["thread_count"] is None


def test_the_sitemap_has_the_public_pages_only(client, working):
    xml = client.get("/sitemap.xml").content.decode()
    group = working["group"].pk
    assert url("works_on", group) + "</loc>" in xml
    assert url("results", group) + "</loc>" in xml
    for members_only in (url("documents", group), url("meetings", group),
                         url("decisions", group), working["second"].get_absolute_url()):
        assert members_only not in xml
