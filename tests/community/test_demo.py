from io import StringIO

import pytest
from django.core.management import call_command

from community.demo import demo_content, load_demo_content
from community.models import Municipality
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
    assert PeerGroupPage.objects.filter(locale__language_code="en").count() == 3
    # Jonas Keller's request, and Sabine Hofmann's (the member at the start).
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
