"""Membership requests in the admin: the office approves and declines (with the reason the
requester sees), one at a time or several together; the requester is told on the site and
by e-mail, as when a group's moderator decides on the group page. Bad input is refused
with a message and changes nothing; only the office's deciders may act."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import ModelLogEntry

from community.models import (
    MemberProfile,
    Membership,
    MembershipState,
    Notification,
    PeerGroupPage,
)
from tests.community.factories import MunicipalityFactory, as_user, make_user

pytestmark = pytest.mark.django_db

LISTING = "/admin/membership-requests/"
DECIDE = "/admin/membership-requests/decide/"
# The admin menu counts what waits in four queues (requests, reports, expressions of
# interest, reported adoptions): one COUNT each.
LISTING_QUERIES = 15


@pytest.fixture
def requests(groups, people):
    """The pending member's requests to the public, closed and secret groups (the
    groups fixture), and a second requester from Bamberg for the closed group."""
    profile = people["pending"].member_profile
    profile.organisation_kind = "municipality"
    profile.municipality = MunicipalityFactory(name="Husum")
    profile.save()
    second = make_user("zweite")
    second.member_profile.organisation_kind = "municipality"
    second.member_profile.municipality = MunicipalityFactory(name="Bamberg")
    second.member_profile.save()
    Membership.objects.create(group=groups["closed"], user=second,
                              state=MembershipState.PENDING)
    return {
        "public": Membership.objects.get(group=groups["public"], user=people["pending"]),
        "closed": Membership.objects.get(group=groups["closed"], user=people["pending"]),
        "secret": Membership.objects.get(group=groups["secret"], user=people["pending"]),
        "second": Membership.objects.get(group=groups["closed"], user=second),
    }


@pytest.fixture
def office(db):
    user = make_user("redaktion")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def decide(client, memberships, decision: str, reason: str = ""):
    return client.post(DECIDE, {"memberships": [m.pk for m in memberships],
                                "decision": decision, "reason": reason},
                       HTTP_ACCEPT_LANGUAGE="en")


def states(requests) -> dict[str, str]:
    return {name: Membership.objects.get(pk=m.pk).state for name, m in requests.items()}


def test_the_list_shows_people_by_name_and_municipality_in_the_shared_table(client, office,
                                                                            requests):
    html = as_user(client, office).get(LISTING, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert html.count('id="request-') == 4
    for text in ("Pending", "Husum", "Zweite", "Bamberg", "Gruppe closed", "Gruppe secret"):
        assert text in html, text
    assert "pending@demo.example" not in html
    # The admin's one list table (home/admin/list_table.html): a labelled region, and each
    # cell carries its column's label for the stacked layout on narrow screens.
    assert 'class="admin-list" role="region" aria-labelledby="membership-requests-caption"' \
        in html
    assert html.count('data-label="Municipality"') == 4


def test_the_list_costs_the_same_queries_for_more_requests(client, office, requests, groups):
    as_user(client, office)
    client.get(LISTING)
    with CaptureQueriesContext(connection) as few:
        client.get(LISTING)
    for number in range(6):
        user = make_user(f"anfrage{number}")
        Membership.objects.create(group=groups["closed"], user=user,
                                  state=MembershipState.PENDING)
    client.get(LISTING)
    with CaptureQueriesContext(connection) as many:
        client.get(LISTING)
    assert len(many) == len(few), [query["sql"][:90] for query in many]
    assert len(few) == LISTING_QUERIES


def test_approving_one_request_makes_a_member_and_tells_them(
        client, office, requests, django_capture_on_commit_callbacks):
    as_user(client, office)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, [requests["closed"]], "approve")
    assert response.status_code == 302 and response.url == LISTING
    assert states(requests) == {"public": "pending", "closed": "active", "secret": "pending",
                                "second": "pending"}
    decided = Membership.objects.get(pk=requests["closed"].pk)
    assert decided.decided_by == office
    notification = Notification.objects.get(recipient=requests["closed"].user)
    assert "Gruppe closed" in notification.text
    assert notification.url == requests["closed"].group.url
    assert [message.to for message in mail.outbox] == [["pending@demo.example"]]
    assert "Gruppe closed" in mail.outbox[0].body
    assert ModelLogEntry.objects.filter(object_id=str(decided.pk),
                                        action="community.membership.approve").exists()
    listing = client.get(LISTING, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "1 request approved." in listing
    assert f'id="request-{decided.pk}"' not in listing


def test_declining_tells_the_requester_the_reason(client, office, requests,
                                                  django_capture_on_commit_callbacks):
    as_user(client, office)
    with django_capture_on_commit_callbacks(execute=True):
        response = decide(client, [requests["second"]], "decline",
                          reason="Die Gruppe ist nur für Modellprojekte.")
    assert response.status_code == 302
    declined = Membership.objects.get(pk=requests["second"].pk)
    assert declined.state == MembershipState.DECLINED
    assert declined.reason == "Die Gruppe ist nur für Modellprojekte."
    text = Notification.objects.get(recipient=declined.user).text
    assert "Die Gruppe ist nur für Modellprojekte." in text
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["zweite@demo.example"]
    assert "Die Gruppe ist nur für Modellprojekte." in mail.outbox[0].body


def test_several_requests_are_approved_or_declined_together(
        client, office, requests, django_capture_on_commit_callbacks):
    as_user(client, office)
    with django_capture_on_commit_callbacks(execute=True):
        assert decide(client, [requests["public"], requests["second"]],
                      "approve").status_code == 302
        assert decide(client, [requests["closed"], requests["secret"]], "decline",
                      reason="Bitte zuerst das Profil ausfüllen.").status_code == 302
    assert states(requests) == {"public": "active", "second": "active",
                                "closed": "declined", "secret": "declined"}
    assert Notification.objects.count() == 4
    assert len(mail.outbox) == 4
    assert ModelLogEntry.objects.filter(action="community.membership.decline").count() == 2
    listing = client.get(LISTING, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "No open requests." in listing


@pytest.mark.parametrize(("data", "message"), [
    ({"decision": "decline", "reason": "  "}, "Say why, so that the requester understands."),
    ({"decision": "approve", "memberships": []}, "Please select at least one request."),
    ({"decision": "maybe"}, "Select a valid choice."),
    ({"decision": "approve", "memberships": ["kein"]}, "is not a valid value."),
])
def test_bad_input_is_refused_with_a_message_and_changes_nothing(client, office, requests,
                                                                 data, message):
    as_user(client, office)
    response = client.post(DECIDE, {"memberships": [requests["closed"].pk], **data},
                           HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert message in response.content.decode()
    assert set(states(requests).values()) == {"pending"}
    assert not Notification.objects.exists() and not mail.outbox


def test_a_request_decided_meanwhile_is_refused(client, office, requests):
    as_user(client, office)
    decide(client, [requests["closed"]], "approve")
    response = decide(client, [requests["closed"], requests["public"]], "decline",
                      reason="Doppelt")
    assert response.status_code == 400
    assert "A selected request is decided already; reload the list." in \
        response.content.decode()
    assert states(requests)["closed"] == "active"
    assert states(requests)["public"] == "pending"


def test_a_working_community_takes_no_one_its_rule_refuses_through_the_admin_either(
        client, office, requests, people):
    """The group page answers 400 to approving a municipality's member into a working
    community (model projects and the office only); the office's list does too, and
    declines are still possible."""
    PeerGroupPage.objects.filter(pk=requests["closed"].group_id).update(
        is_working_community=True)
    as_user(client, office)
    response = decide(client, [requests["closed"], requests["public"]], "approve")
    assert response.status_code == 400
    assert "Pending cannot join “Gruppe closed”: this working community is for the model " \
        "projects and the office" in response.content.decode()
    assert set(states(requests).values()) == {"pending"}
    assert not Notification.objects.exists() and not mail.outbox
    MemberProfile.objects.filter(user=people["pending"]).update(
        organisation_kind="model_project", organisation="Modellprojekt Smart City Husum")
    assert decide(client, [requests["closed"]], "approve").status_code == 302
    assert decide(client, [requests["second"]], "decline",
                  reason="Nur Modellprojekte.").status_code == 302
    assert states(requests)["closed"] == "active" and states(requests)["second"] == "declined"


def test_the_office_moderators_decide_too(client, requests):
    moderator = make_user("buero-moderation")
    moderator.groups.add(Group.objects.get(name="Moderators"))
    as_user(client, moderator)
    assert client.get(LISTING).status_code == 200
    assert decide(client, [requests["public"]], "approve").status_code == 302
    assert states(requests)["public"] == "active"


def group_moderator_elsewhere(groups):
    """A member who moderates another peer group: they decide on that group's page, not
    in the office's admin."""
    user = make_user("andere-moderatorin")
    Membership.objects.create(group=groups["public"], user=user, state=MembershipState.ACTIVE,
                              role="moderator")
    return user


@pytest.mark.parametrize("who", ["anonymous", "member", "group moderator"])
def test_people_without_the_admin_are_sent_to_sign_in(client, groups, people, requests, who):
    user = {"anonymous": None, "member": people["member"],
            "group moderator": group_moderator_elsewhere(groups)}[who]
    as_user(client, user)
    for response in (client.get(LISTING),
                     decide(client, [requests["closed"]], "approve")):
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))
    assert set(states(requests).values()) == {"pending"}


def test_an_editor_without_the_right_to_decide_is_refused(client, requests):
    """Wagtail answers an admin user's PermissionDenied with its dashboard and a message."""
    translator = make_user("uebersetzung")
    translator.groups.add(Group.objects.get(name="Translators"))
    as_user(client, translator)
    for response in (client.get(LISTING),
                     decide(client, [requests["closed"]], "approve")):
        assert (response.status_code, response.url) == (302, reverse("wagtailadmin_home"))
    assert set(states(requests).values()) == {"pending"}
    assert "membership-requests" not in client.get("/admin/").content.decode()


def test_deciding_needs_post_and_csrf(office, requests):
    client = Client(enforce_csrf_checks=True)
    client.force_login(office)
    assert client.get(DECIDE).status_code == 405
    assert decide(client, [requests["closed"]], "approve").status_code == 403
    assert states(requests)["closed"] == "pending"

