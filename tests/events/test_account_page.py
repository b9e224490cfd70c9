"""My account: a signed-in member finds their registrations, waiting-list places, series,
groups and requests, followed threads, unread notifications, expressions of interest and
tokens on one page; another member's items never appear there; the page costs the same
number of queries whatever the number of items."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from community.models import (
    Follow,
    GroupVisibility,
    JoinPolicy,
    Membership,
    MembershipState,
    Notification,
    NotificationKind,
    PeerGroupIndexPage,
    PeerGroupPage,
    PersonalToken,
    Thread,
)
from events.interest import service as interest_service
from events.interest.models import (
    InterestKind,
    InterestStatus,
    PreferredFormat,
    StartingSituation,
)
from events.models import Registration, RegistrationStatus
from events.registrations.service import Registrant, register, register_for_series
from tests.community.factories import make_user
from tests.events.factories import make_event, make_series
from tests.home.factories import publish

ACCOUNT = "/de/konto/"
# The page's queries for a signed-in member, whatever the number of items: the site
# frame's eleven for a member (session, user, site, locale, pages, menu, footer, settings,
# the two permission lookups of the user bar), one per section, and in English one more
# for the translations of every section's pages.
ACCOUNT_QUERY_LIMIT = {"de": 16, "en": 17}


def make_group(site, title: str, policy: str = JoinPolicy.REQUEST) -> PeerGroupPage:
    index = PeerGroupIndexPage.objects.first()
    if index is None:
        index = publish(site.root_page.add_child(instance=PeerGroupIndexPage(
            title="Peergruppen", slug="peergruppen", locale_id=site.root_page.locale_id)))
    group = index.add_child(instance=PeerGroupPage(
        title=title, slug=title.lower().replace(" ", "-"), topic="Daten",
        description=f"<p>{title}</p>",
        visibility=GroupVisibility.CLOSED if policy == JoinPolicy.REQUEST
        else GroupVisibility.PUBLIC, join_policy=policy, locale_id=index.locale_id))
    publish(group)
    return PeerGroupPage.objects.get(pk=group.pk)


def give_items(site, calendar, ulm, user, number: int, prefix: str) -> None:
    """``number`` of each kind of item for ``user``, titled with ``prefix``."""
    someone = make_user(f"{prefix.lower()}-first")
    for n in range(number):
        register(make_event(calendar, title=f"{prefix} Workshop {n}", capacity=30),
                 Registrant.member(user), confirmed=True)
        full = make_event(calendar, title=f"{prefix} Voll {n}", capacity=1)
        register(full, Registrant.member(someone), confirmed=True)
        register(full, Registrant.member(user), confirmed=True)
        series = make_series(calendar, title=f"{prefix} Reihe {n}", sessions=2,
                             slug=f"{prefix.lower()}-reihe-{n}")
        register_for_series(series, Registrant.member(user), confirmed=True)
        requested = make_group(site, f"{prefix} Anfrage {n}")
        Membership.join(requested, user)
        joined = make_group(site, f"{prefix} Offen {n}", JoinPolicy.OPEN)
        Membership.join(joined, user)
        thread = Thread.objects.create(group=joined, title=f"{prefix} Faden {n}", author=user)
        Follow.objects.create(user=user, thread=thread)
        Notification.objects.create(recipient=user, kind=NotificationKind.REPLY,
                                    text=f"{prefix} Antwort {n}", url="/de/")
        interest_service.submit({
            **make_interest_values(ulm), "contact_name": f"{prefix} Kontakt {n}",
            "email": user.email}, "de", user=user)
        PersonalToken.issue(user, f"{prefix} Token {n}")


def make_interest_values(ulm) -> dict:
    return {"kind": InterestKind.CONSULTATION, "municipality": ulm,
            "contact_name": "Erika Muster", "starting_situation": StartingSituation.FIRST_STEPS,
            "preferred_format": PreferredFormat.EITHER, "consent": True, "topics": []}


def test_a_visitor_is_sent_to_sign_in(client, site):
    response = client.get(ACCOUNT)
    assert response.status_code == 302
    assert response["Location"].startswith("/de/konto/anmelden/?next=/de/konto/")


def test_a_member_finds_everything_of_theirs_and_nothing_of_another(
        client, site, calendar, ulm, member):
    give_items(site, calendar, ulm, member, 1, "Anna")
    other = make_user("bernd")
    give_items(site, calendar, ulm, other, 1, "Bernd")
    client.force_login(member)
    html = client.get(ACCOUNT).content.decode()
    for title in ("Anna Workshop 0", "Anna Voll 0", "Anna Reihe 0", "Anna Anfrage 0",
                  "Anna Offen 0", "Anna Faden 0", "Anna Antwort 0",
                  "Platz 1 auf der Warteliste", "Angemeldet", "Neu", "Erstberatung"):
        assert title in html, title
    assert "Bernd" not in html
    # Cancelling goes through the registration's own page, which asks first.
    mine = Registration.objects.filter(user=member).first()
    assert f"/de/veranstaltungen/anmeldung/stornieren/{mine.token}/" in html
    other_token = Registration.objects.filter(user=other).first().token
    assert other_token not in html


def test_the_waiting_list_place_counts_those_ahead(client, site, calendar, member):
    full = make_event(calendar, title="Ausgebucht", capacity=1)
    for name in ("erste", "zweiter", "dritte"):
        register(full, Registrant.member(make_user(name)), confirmed=True)
    register(full, Registrant.member(member), confirmed=True)
    client.force_login(member)
    assert "Platz 3 auf der Warteliste" in client.get(ACCOUNT).content.decode()


@pytest.mark.parametrize("language, address", [("de", ACCOUNT), ("en", "/en/account/")])
def test_the_page_costs_the_same_queries_for_one_item_or_five(
        client, site, calendar, ulm, member, language, address):
    counts = []
    for number, prefix in ((1, "Eins"), (4, "Fuenf")):
        give_items(site, calendar, ulm, member, number, prefix)
        client.force_login(member)
        client.get(address)  # warms the per-process caches (site root paths, settings)
        # ... and once more: the first request of a site creates its settings, which
        # retires the frame it has just cached (home/content_cache.py)
        client.get(address)
        with CaptureQueriesContext(connection) as captured:
            response = client.get(address)
        assert response.status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1] <= ACCOUNT_QUERY_LIMIT[language], counts


def test_the_tokens_page_lists_the_members_own_tokens(client, site, member):
    PersonalToken.issue(member, "Mein Skript")
    PersonalToken.issue(make_user("bernd"), "Bernds Skript")
    client.force_login(member)
    html = client.get("/de/konto/token/").content.decode()
    assert "Mein Skript" in html and "Bernds Skript" not in html
    assert client.get("/de/konto/token/", follow=False).status_code == 200
    client.logout()
    assert client.get("/de/konto/token/").status_code == 302


def test_withdrawing_a_request_leads_back_to_the_account(client, site, member):
    group = make_group(site, "Datenraum")
    membership = Membership.join(group, member)
    client.force_login(member)
    assert "Datenraum" in client.get(ACCOUNT).content.decode()
    response = client.post(f"/de/gruppen/{group.pk}/verlassen/",
                           {"next": f"{ACCOUNT}#groups"})
    assert response.status_code == 302 and response["Location"] == f"{ACCOUNT}#groups"
    membership.refresh_from_db()
    assert membership.state == MembershipState.LEFT


@pytest.mark.parametrize("target", ["https://elsewhere.example/", "//elsewhere.example/"])
def test_the_way_back_never_leads_off_the_site(client, site, member, target):
    group = make_group(site, "Datenraum")
    Membership.join(group, member)
    client.force_login(member)
    response = client.post(f"/de/gruppen/{group.pk}/verlassen/", {"next": target})
    assert response.status_code == 302 and "elsewhere" not in response["Location"]


def test_the_status_of_an_expression_of_interest_shows(client, site, ulm, member):
    interest = interest_service.submit({**make_interest_values(ulm), "email": member.email},
                                       "de", user=member)
    interest.status = InterestStatus.SCHEDULED
    interest.save()
    client.force_login(member)
    html = client.get(ACCOUNT).content.decode()
    assert "Terminiert" in html and f"/de/start-smart/interesse/{interest.token}/" in html


def test_the_page_in_english(client, site, calendar, member):
    register(make_event(calendar, title="Auftakt"), Registrant.member(member),
             confirmed=True)
    client.force_login(member)
    html = client.get("/en/account/").content.decode()
    for text in ("My account", "My registrations", "My waiting-list places",
                 "Peer groups", "Followed threads", "Unread notifications",
                 "Expressions of interest", "Registered"):
        assert text in html, text
    assert Registration.objects.get(user=member).status == RegistrationStatus.CONFIRMED


def test_a_thread_of_a_group_left_no_longer_shows(client, site, member):
    group = make_group(site, "Geschlossen")
    membership = Membership.objects.create(group=group, user=member,
                                           state=MembershipState.ACTIVE)
    thread = Thread.objects.create(group=group, title="Vertrauliche Planung", author=member)
    Follow.objects.create(user=member, thread=thread)
    client.force_login(member)
    assert "Vertrauliche Planung" in client.get(ACCOUNT).content.decode()
    membership.leave()
    assert "Vertrauliche Planung" not in client.get(ACCOUNT).content.decode()
