"""Query pins of a working community's pages and API (issue 21): members' pages at most
16, public pages at most 12 for anonymous visitors, the API at most 8, each the same
with more folders, files, versions, meetings and decisions."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import Attendance, Decision, Folder, Meeting, Membership
from tests.clock import berlin
from tests.community.factories import as_user
from tests.community.working_helpers import FIRST, SECOND, upload, url
from tests.queries import warm_query_count

pytestmark = pytest.mark.django_db


def grow(working, people) -> None:
    """Twice as much of everything, and the members named publicly."""
    group = working["group"]
    for number in range(2):
        folder = Folder.objects.create(group=group, name=f"Ordner {number}")
        for name in ("a.pdf", "b.pdf"):
            upload(folder, people["member"], FIRST, name)
            upload(folder, people["moderator"], SECOND, name)
        upload(working["folder"], people["member"], FIRST, f"weitere-{number}.pdf")
        meeting = Meeting.objects.create(group=group, title=f"Sitzung {number}",
                                         starts_at=berlin("2026-05-01 10:00"),
                                         ends_at=berlin("2026-05-01 11:00"))
        Attendance.objects.create(meeting=meeting, user=people["member"])
        Decision.objects.create(group=group, title=f"Beschluss {number}", summary="S",
                                decided_on=date(2026, 5, 1), published_at=berlin(
                                    "2026-05-02 10:00"))
    Membership.objects.filter(group=group).update(named_publicly=True)


def member_pages(working) -> dict[str, str]:
    group = working["group"].pk
    return {"space": url("documents", group), "folder": url("folder", group,
                                                            working["folder"].pk),
            "meetings": url("meetings", group),
            "meeting": url("meeting", group, working["meeting"].pk),
            "decisions": url("decisions", group), "feed": url("meetings_calendar", group)}


def public_pages(working) -> dict[str, str]:
    group = working["group"].pk
    return {"results": url("results", group), "works on": url("works_on", group)}


def api_count(client, group: int) -> int:
    address = f"/api/v2/working-communities/{group}/"
    client.get(address)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(address).status_code == 200
    return len(captured)


def test_members_pages_and_the_api_stay_within_their_pins(client, people, working):
    as_user(client, people["moderator"])
    before = {name: warm_query_count(client, address)
              for name, address in member_pages(working).items()}
    api_before = api_count(client, working["group"].pk)
    grow(working, people)
    after = {name: warm_query_count(client, address)
             for name, address in member_pages(working).items()}
    assert after == before
    assert max(after.values()) <= 16, after
    assert api_count(client, working["group"].pk) == api_before
    assert api_before <= 8


def test_public_pages_stay_within_their_pin(client, people, working):
    before = {name: warm_query_count(client, address)
              for name, address in public_pages(working).items()}
    grow(working, people)
    after = {name: warm_query_count(client, address)
             for name, address in public_pages(working).items()}
    assert after == before
    assert max(after.values()) <= 12, after
