"""The office's roles come with a fresh installation (data migrations), and a person in
each does their work and is refused beyond it, asked from the outside (admin pages,
public pages)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupPagePermission, Page
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from community.models import (
    GroupVisibility,
    JoinPolicy,
    PeerGroupIndexPage,
    PeerGroupPage,
)
from home.models import StandardPage
from tests.events.factories import event_calendar, make_event
from tests.home.factories import StandardPageFactory, publish

pytestmark = pytest.mark.django_db

ROLES = ("Editors", "Moderators", "Translators", "Event managers", "Model-project teams")
REPORTS = "/admin/moderation/"
INTEREST = "/admin/snippets/events/expressionofinterest/"


def person_in(role: str):
    user = get_user_model().objects.create_user(f"{role.split()[0].lower()}@kts.example",
                                                f"{role.split()[0].lower()}@kts.example", "pw")
    user.groups.add(Group.objects.get(name=role))
    return user


@pytest.fixture
def office(site):
    calendar = event_calendar(site)
    index = publish(site.root_page.add_child(instance=PeerGroupIndexPage(
        title="Peergruppen", slug="peergruppen", locale_id=site.root_page.locale_id)))
    secret = publish(index.add_child(instance=PeerGroupPage(
        title="Geheime Gruppe", slug="geheim", topic="Daten", description="<p>Nur intern</p>",
        visibility=GroupVisibility.SECRET, join_policy=JoinPolicy.INVITATION,
        locale_id=index.locale_id)))
    return {"calendar": calendar, "event": make_event(calendar), "secret": secret,
            "page": publish(StandardPageFactory(parent=site.root_page, slug="ueber-uns")),
            "home": site.root_page}


def add_standard_page(client, parent, slug: str):
    data = nested_form_data({
        "title": "Peer-Learning", "slug": slug, "intro": "Sechs Termine.",
        "body": streamfield([("paragraph", rich_text("<p>Zwei Stunden.</p>"))]),
        "action-publish": "publish",
    })
    return client.post(reverse("wagtailadmin_pages:add",
                               args=("home", "standardpage", parent.id)), data)


def allowed(response) -> bool:
    return response.status_code == 200


def test_a_fresh_database_has_the_roles_with_their_rights():
    groups = {group.name: group for group in Group.objects.filter(name__in=ROLES)}
    assert set(groups) == set(ROLES)
    root = Page.objects.get(depth=1)

    def page_rights(role):
        return set(GroupPagePermission.objects.filter(group=groups[role], page=root)
                   .values_list("permission__codename", flat=True))

    assert {"add_page", "change_page", "publish_page"} <= page_rights("Editors")
    assert page_rights("Translators") == {"add_page", "change_page"}
    assert page_rights("Moderators") == set() == page_rights("Event managers")
    assert groups["Translators"].permissions.filter(codename="submit_translation").exists()


def test_the_roles_migration_runs_twice_without_doubling_anything():
    before = (GroupPagePermission.objects.count(),
              sum(group.permissions.count() for group in Group.objects.all()))
    for module in ("home.migrations.0003_editorial_roles",
                   "community.migrations.0008_moderation_roles",
                   "repository.migrations.0004_editorial_roles",
                   "events.migrations.0002_event_manager_role",
                   "repository.migrations.0005_project_teams",
                   "repository.migrations.0012_evaluation"):
        importlib.import_module(module).grant_roles(global_apps, None)
    after = (GroupPagePermission.objects.count(),
             sum(group.permissions.count() for group in Group.objects.all()))
    assert after == before


def test_a_calendar_made_after_the_migration_is_the_event_managers(office):
    managers = Group.objects.get(name="Event managers")
    assert GroupPagePermission.objects.filter(
        group=managers, page=office["calendar"], permission__codename="publish_page").exists()


def test_an_editor_publishes_translates_and_moderates(client, office):
    client.force_login(person_in("Editors"))
    add_standard_page(client, office["home"], "peer-learning")
    assert StandardPage.objects.get(slug="peer-learning", locale__language_code="de").live
    page = office["page"]
    assert allowed(client.get(reverse("wagtail_localize:submit_page_translation",
                                      args=[page.pk])))
    assert allowed(client.get(REPORTS))
    assert allowed(client.get(office["secret"].url))
    assert allowed(client.get(INTEREST))


def test_a_translator_translates_but_does_not_publish(client, office):
    client.force_login(person_in("Translators"))
    page = office["page"]
    assert allowed(client.get(reverse("wagtail_localize:submit_page_translation",
                                      args=[page.pk])))
    assert allowed(client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])))
    add_standard_page(client, office["home"], "entwurf")
    draft = StandardPage.objects.get(slug="entwurf", locale__language_code="de")
    assert not draft.live  # saved as a draft only
    assert not allowed(client.get(REPORTS))
    assert not allowed(client.get(INTEREST))
    assert client.get(office["secret"].url).status_code == 404


def test_a_moderator_moderates_the_community_and_nothing_else(client, office):
    client.force_login(person_in("Moderators"))
    assert allowed(client.get(REPORTS))
    assert allowed(client.get(office["secret"].url))
    assert not allowed(client.get(reverse("wagtailadmin_pages:edit", args=[office["page"].pk])))
    add_standard_page(client, office["home"], "nicht-erlaubt")
    assert not StandardPage.objects.filter(slug="nicht-erlaubt").exists()
    assert not allowed(client.get(reverse("wagtail_localize:submit_page_translation",
                                          args=[office["page"].pk])))
    assert not allowed(client.get(INTEREST))


def test_an_event_manager_runs_events_and_registrations_only(client, office):
    client.force_login(person_in("Event managers"))
    event = office["event"]
    assert allowed(client.get(reverse("wagtailadmin_pages:edit", args=[event.pk])))
    assert allowed(client.get(f"/admin/events/{event.pk}/registrations/"))
    assert allowed(client.get(INTEREST))
    assert not allowed(client.get(reverse("wagtailadmin_pages:edit", args=[office["page"].pk])))
    add_standard_page(client, office["home"], "nicht-erlaubt")
    assert not StandardPage.objects.filter(slug="nicht-erlaubt").exists()
    assert not allowed(client.get(REPORTS))
    assert client.get(office["secret"].url).status_code == 404
