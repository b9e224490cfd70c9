"""Member profile pages: for signed-in members, each contact detail shown only to whom
its owner chose, and only the groups the reader may know of."""

from __future__ import annotations

import pytest

from community.models import ContactVisibility, Membership, MembershipState, Post, Thread
from tests.community.factories import as_user, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(people):
    anna = people["member"]
    profile = anna.member_profile
    profile.role = "Chief Digital Officer"
    profile.bio = "Ich baue die Datenplattform auf."
    profile.phone = "0731 161 0"
    profile.email_visibility = ContactVisibility.GROUPS
    profile.phone_visibility = ContactVisibility.NOBODY
    profile.save()
    profile.expertise.set(["Open Data", "Sensorik"])
    return anna


def profile_of(client, user, language="de"):
    path = "mitglieder" if language == "de" else "members"
    return client.get(f"/{language}/{path}/{user.pk}/")


def test_anonymous_readers_are_sent_to_sign_in(client, anna):
    response = profile_of(client, anna)
    assert response.status_code == 302 and "/konto/anmelden/" in response["Location"]


@pytest.mark.parametrize(("visibility", "reader", "sees_email"), [
    (ContactVisibility.NOBODY, "moderator", False),
    (ContactVisibility.GROUPS, "moderator", True),     # shares the groups
    (ContactVisibility.GROUPS, "outsider", False),
    (ContactVisibility.GROUPS, "pending", False),      # a request is not membership
    (ContactVisibility.MEMBERS, "outsider", True),
    (ContactVisibility.NOBODY, "member", True),        # one's own profile
])
def test_contact_details_follow_the_owners_choice(client, people, groups, anna, visibility,
                                                  reader, sees_email):
    anna.member_profile.email_visibility = visibility
    anna.member_profile.save()
    as_user(client, people[reader])
    html = profile_of(client, anna).content.decode()
    assert "Chief Digital Officer" in html and "Open Data" in html
    assert (anna.email in html) is sees_email
    assert ("0731 161 0" in html) is (reader == "member")


def test_profiles_show_only_groups_the_reader_may_know_of(client, people, groups, anna):
    as_user(client, people["outsider"])
    html = profile_of(client, anna).content.decode()
    assert groups["public"].title in html and groups["closed"].title in html
    assert groups["secret"].title not in html
    as_user(client, people["moderator"])
    assert groups["secret"].title in profile_of(client, anna).content.decode()
    english = profile_of(client, anna, "en")
    assert english.status_code == 200 and 'lang="en"' in english.content.decode()


def test_former_members_and_unknown_ids_have_no_profile(client, people, anna):
    as_user(client, people["outsider"])
    anna.is_active = False
    anna.save()
    assert profile_of(client, anna).status_code == 404
    assert client.get("/de/mitglieder/999999/").status_code == 404


def test_authors_and_group_members_link_to_profiles(client, people, groups, anna):
    public = groups["public"]
    thread = Thread.objects.create(group=public, title="Hallo", author=anna)
    Post.objects.create(thread=thread, author=anna, body="Erster Beitrag")
    link = f'href="/de/mitglieder/{anna.pk}/"'
    thread_url = f"/de/gruppen/{public.pk}/themen/{thread.pk}/"
    assert link not in client.get(thread_url).content.decode()  # anonymous: no profiles
    as_user(client, people["outsider"])
    assert link in client.get(thread_url).content.decode()
    assert link in client.get(public.url).content.decode()


def test_sharing_a_group_means_both_are_active_members(people, groups):
    from community.permissions import shares_group

    stranger = make_user("stranger")
    assert shares_group(people["member"], people["moderator"])
    assert not shares_group(people["member"], stranger)
    Membership.objects.create(group=groups["public"], user=stranger,
                              state=MembershipState.LEFT)
    assert not shares_group(people["member"], stranger)


def test_profile_queries_do_not_grow_with_the_members_groups(client, people, groups, anna):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from community.models import GroupVisibility, JoinPolicy, PeerGroupPage
    from tests.home.factories import publish

    as_user(client, people["moderator"])

    def count() -> int:
        profile_of(client, anna)
        profile_of(client, anna)  # twice: a new site's first page retires the cached frame
        with CaptureQueriesContext(connection) as captured:
            assert profile_of(client, anna).status_code == 200
        return len(captured)

    few = count()
    index = groups["public"].get_parent()
    for number in range(5):
        extra = index.add_child(instance=PeerGroupPage(
            title=f"Zusatzgruppe {number}", slug=f"zusatz-{number}", topic="Daten",
            description="<p>Zusatz</p>",
            visibility=GroupVisibility.PUBLIC, join_policy=JoinPolicy.OPEN,
            locale_id=index.locale_id))
        publish(extra)
        Membership.objects.create(group=PeerGroupPage.objects.get(pk=extra.pk), user=anna,
                                  state=MembershipState.ACTIVE)
    assert count() == few
    assert "Zusatzgruppe 4" in profile_of(client, anna).content.decode()
