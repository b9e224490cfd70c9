from io import StringIO

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command

from community.demo import demo_content, load_demo_content
from community.models import Membership, MembershipState, Municipality
from community.permissions import may_belong
from tests.community.factories import make_user
from tests.demo import install_demo

pytestmark = pytest.mark.django_db


def test_demo_municipalities_are_valid_and_cover_every_size_class():
    load_demo_content(log=lambda line: None)
    municipalities = Municipality.objects.all()
    assert municipalities.count() == len(demo_content()["municipalities"]) >= 15
    for municipality in municipalities:
        municipality.full_clean()
    assert set(municipalities.values_list("size_class", flat=True)) >= {
        "landgemeinde", "kleinstadt", "mittelstadt", "grossstadt", "landkreis",
    }
    assert Municipality.objects.get(ags="08421000").name == "Ulm"


def test_demo_is_idempotent_and_keeps_an_editors_changes():
    load_demo_content(log=lambda line: None)
    Municipality.objects.filter(ags="09461000").update(population=80_123)
    log: list[str] = []
    load_demo_content(log=log.append)
    assert log == []
    assert Municipality.objects.count() == len(demo_content()["municipalities"])
    assert Municipality.objects.get(ags="09461000").population == 80_123


def test_load_demo_command_includes_the_municipalities(client):
    out = StringIO()
    call_command("load_demo", "community", stdout=out)
    assert "Demo content: community" in out.getvalue()
    assert "created municipality “Haßfurt” (09674147)" in out.getvalue()
    response = client.get("/api/v2/municipalities/?kind=district")
    assert [item["name"] for item in response.json()["items"]] == [
        "Kreis Höxter", "Landkreis Wunsiedel i. Fichtelgebirge",
    ]


def test_demo_members_and_groups_in_both_languages(client, private_root):
    install_demo()
    from community.models import GroupVisibility, Membership, PeerGroupPage

    groups = PeerGroupPage.objects.filter(locale__language_code="de")
    assert set(groups.values_list("visibility", flat=True)) == set(GroupVisibility.values)
    assert PeerGroupPage.objects.filter(locale__language_code="en").count() == 4
    # Jonas Keller's request to the working community, and Sabine Hofmann's (the member
    # at the start) to an ordinary group.
    assert Membership.objects.filter(state="pending").count() == 2
    from community.models import MemberProfile, Notification

    sabine = MemberProfile.objects.get(display_name="Sabine Hofmann").user
    assert sabine.memberships.get().state == "pending"
    assert Notification.objects.filter(recipient=sabine, read_at=None).count() == 1
    experts = MemberProfile.objects.filter(listed_as_expert=True)
    assert experts.count() == 3
    assert set(experts.values_list("language", flat=True)) == {"de", "en"}
    assert all(expert.bio and expert.expertise.exists() for expert in experts)
    from community.models import Post, Thread

    assert Thread.objects.count() == 4 and Post.objects.count() == 8
    assert set(Thread.objects.values_list("group__visibility", flat=True)) == set(
        GroupVisibility.values)
    secret = groups.get(visibility="secret")
    en_secret = PeerGroupPage.objects.get(translation_key=secret.translation_key,
                                          locale__language_code="en")
    assert en_secret.access_group_id == secret.access_group_id
    from community.models import Attachment

    draft = Attachment.objects.get()
    assert draft.post.thread.group_id == secret.pk
    client.force_login(draft.post.author)
    assert client.get(draft.get_absolute_url()).status_code == 200
    client.force_login(Post.objects.get(body__startswith="Wir sind ein Amt").author)
    assert client.get(draft.get_absolute_url()).status_code == 404
    log = StringIO()
    call_command("load_demo", "community", stdout=log)
    assert "created" not in log.getvalue()
    assert Attachment.objects.count() == 1


def test_every_demo_membership_may_stand_and_the_office_can_approve_every_request(
        client, private_root):
    """A working community takes people of the model projects and the office only: the
    demo's members of one work there, as their profiles say, and the office approves
    each request the demo leaves waiting (none is one the rules refuse)."""
    install_demo()
    standing = Membership.objects.filter(
        state__in=[MembershipState.ACTIVE, MembershipState.PENDING]).select_related("group")
    working = [m for m in standing if m.group.is_working_community]
    assert len(working) >= 4
    for membership in working:
        assert may_belong(membership.user, membership.group), membership.user.email
    pending = list(standing.filter(state=MembershipState.PENDING))
    sabine = next(m for m in pending if m.user.email.startswith("sabine.hofmann"))
    assert not sabine.group.is_working_community
    assert sabine.group.join_policy == "request"
    office = make_user("redaktion")
    office.groups.add(Group.objects.get(name="Editors"))
    client.force_login(office)
    for membership in pending:
        response = client.post("/admin/membership-requests/decide/", {
            "memberships": [membership.pk], "decision": "approve"})
        assert response.status_code == 302, (membership.user.email, membership.group.slug)
        membership.refresh_from_db()
        assert membership.state == MembershipState.ACTIVE
        assert may_belong(membership.user, membership.group)
