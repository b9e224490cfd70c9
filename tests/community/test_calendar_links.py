"""A working community's meetings in a calendar app (issue 21): calendar apps cannot sign
in, so a member makes a personal link that carries a token (a calendar-scoped personal
token). The link opens that group's feed only, while its owner is a member and until it
is revoked or replaced; anything else is the same 404 as a guess, and the token opens
nothing else (not the API)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from icalendar import Calendar

from community.models import Meeting, Membership, PersonalToken, TokenScope
from tests.clock import berlin
from tests.community.factories import as_user
from tests.community.working_helpers import url

pytestmark = pytest.mark.django_db

LINK = 'id="calendar-link" type="url" value="'


def make_link(client, group, language: str = "de") -> str:
    response = client.post(url("meetings_calendar_link_create", group.pk, language=language))
    assert response.status_code == 200
    html = response.content.decode()
    return html.split(LINK)[1].split('"')[0]


def fetch(link: str):
    """As a calendar app would: no session, no cookie."""
    return Client().get(link)


def meetings_in(response) -> list[str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return [str(event["summary"]) for event in Calendar.from_ical(response.content)
            .walk("VEVENT")]


def test_a_member_subscribes_with_a_personal_link_shown_once(client, people, working):
    group = working["group"]
    as_user(client, people["member"])
    meetings_page = client.get(url("meetings", group.pk)).content.decode()
    assert "Meinen Kalender-Link erstellen" in meetings_page
    link = make_link(client, group)
    assert link.startswith("http://testserver/de/gruppen/")
    assert meetings_in(fetch(link)) == ["Geheimes Sitzungsthema"]
    token = PersonalToken.objects.get(user=people["member"])
    assert (token.scope, token.group_id) == (TokenScope.CALENDAR, group.pk)
    assert token.last_used_at is not None
    # Only a hash is kept, and the page never shows the link again.
    raw = link.rsplit("/", 1)[1].removesuffix(".ics")
    assert raw not in token.key_hash and token.hint == raw[:10]
    meetings_page = client.get(url("meetings", group.pk)).content.decode()
    assert raw not in meetings_page and "Sie haben Ihren Link am" in meetings_page
    assert "Zuletzt verwendet am" in meetings_page
    # Not an API token: the account's list does not show it, the API does not take it.
    assert token.name not in client.get("/de/konto/token/").content.decode()
    api = Client().get(f"/api/v2/working-communities/{group.pk}/",
                       HTTP_AUTHORIZATION=f"Token {raw}")
    assert api.status_code == 401


def test_the_english_page_makes_a_link_that_works_too(client, people, working):
    as_user(client, people["moderator"])
    link = make_link(client, working["group"], language="en")
    assert link.startswith("http://testserver/en/groups/")
    assert meetings_in(fetch(link)) == ["Geheimes Sitzungsthema"]


def test_a_new_link_replaces_the_old_and_a_revoked_one_stops(client, people, working):
    group = working["group"]
    as_user(client, people["member"])
    old = make_link(client, group)
    new = make_link(client, group)
    assert fetch(old).status_code == 404
    assert meetings_in(fetch(new)) == ["Geheimes Sitzungsthema"]
    response = client.post(url("meetings_calendar_link_revoke", group.pk))
    assert response.status_code == 302
    assert fetch(new).status_code == 404
    assert "Meinen Kalender-Link erstellen" in client.get(url("meetings", group.pk)) \
        .content.decode()


def test_wrong_foreign_or_lapsed_links_get_the_same_404_as_a_guess(client, people, working,
                                                                   groups):
    group = working["group"]
    as_user(client, people["member"])
    link = make_link(client, group)
    raw = link.rsplit("/", 1)[1].removesuffix(".ics")
    guess = fetch(link.replace(raw, "sct_" + "x" * 43))
    assert guess.status_code == 404
    # The same token under another group's address, the English page of the group
    # (the same group: it works), a malformed token.
    other = link.replace(f"/{group.pk}/", f"/{groups['public'].pk}/")
    assert fetch(other).status_code == 404
    assert fetch(link.replace(raw, "kein-token")).status_code == 404
    # The member leaves: the link stops, and its 404 says no more than a guess.
    Membership.objects.get(group=group, user=people["member"]).leave()
    lapsed = fetch(link)
    assert lapsed.status_code == 404
    assert lapsed.content == guess.content
    for secret in ("Geheimes Sitzungsthema", "TOP 1", group.title):
        assert secret not in lapsed.content.decode()
    # A deactivated account's link stops too.
    as_user(client, people["moderator"])
    moderators = make_link(client, group)
    people["moderator"].is_active = False
    people["moderator"].save(update_fields=["is_active"])
    assert fetch(moderators).status_code == 404


@pytest.mark.parametrize("role", ["anonymous", "outsider", "neighbour", "pending"])
def test_outsiders_can_neither_make_nor_revoke_a_link(client, people, working, role):
    as_user(client, people.get(role))
    group = working["group"]
    assert client.post(url("meetings_calendar_link_create", group.pk)).status_code == 404
    assert client.post(url("meetings_calendar_link_revoke", group.pk)).status_code == 404
    assert client.get(url("meetings_calendar_link_create", group.pk)).status_code in (404, 405)
    assert not PersonalToken.objects.exists()


def test_the_link_costs_the_same_queries_with_more_meetings(client, people, working):
    as_user(client, people["member"])
    link = make_link(client, working["group"])

    def queries() -> int:
        fetch(link)
        with CaptureQueriesContext(connection) as captured:
            assert fetch(link).status_code == 200
        return len(captured)

    few = queries()
    for number in range(3):
        Meeting.objects.create(group=working["group"], title=f"Sitzung {number}",
                               starts_at=berlin("2026-07-01 10:00"),
                               ends_at=berlin("2026-07-01 11:00"))
    assert queries() == few <= 8
