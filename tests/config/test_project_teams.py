"""Model-project teams write their own project's pages and nothing else, and what they
write is approved by the editors, never by the community's moderators (asked from the
outside, through the admin)."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps as global_apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import GroupApprovalTask, GroupPagePermission, Locale
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from repository.models import ModelProjectPage, SolutionPage
from repository.teams import MODEL_PROJECT_TEAMS
from tests.home.factories import publish
from tests.repository.factories import ModelProjectIndexPageFactory, ModelProjectPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(site):
    index = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    return (publish(ModelProjectPageFactory(parent=index, slug="ulm", title="Zukunftsstadt Ulm")),
            publish(ModelProjectPageFactory(parent=index, slug="jena", title="Smart City Jena")))


def person(name: str, *groups: Group):
    user = get_user_model().objects.create_user(name, f"{name}@kts.example", "pw")
    user.groups.add(*groups)
    return user


def solution_form(project, action: str) -> dict:
    return nested_form_data({
        "title": "Parken in Echtzeit", "slug": "parken", "model_project": project.id,
        "summary": "Freie Plätze auf einen Blick.", "maturity": "pilot",
        "problem": rich_text("<p>Suchverkehr.</p>"), "approach": rich_text("<p>Sensoren.</p>"),
        "results": rich_text(""), "lessons_learned": rich_text(""),
        "prerequisites": rich_text(""), "licence": "", "repository_url": "",
        "downloads": streamfield([]), "tags": "", action: action,
    })


def add_solution(client, project, action: str = "action-submit"):
    url = reverse("wagtailadmin_pages:add", args=("repository", "solutionpage", project.id))
    return client.post(url, solution_form(project, action))


def test_every_model_project_has_its_team_with_page_rights_and_no_publishing(projects):
    ulm, jena = projects
    namesake = publish(ModelProjectPageFactory(parent=ulm.get_parent(), slug="ulm-2",
                                               title="Zukunftsstadt Ulm"))
    assert namesake.team.name == f"Model-project team: Zukunftsstadt Ulm ({namesake.pk})"
    assert ulm.team.name == "Model-project team: Zukunftsstadt Ulm"
    assert ulm.team != jena.team
    rights = set(GroupPagePermission.objects.filter(group=ulm.team)
                 .values_list("page_id", "permission__codename"))
    assert rights == {(ulm.pk, "add_page"), (ulm.pk, "change_page")}
    shared = Group.objects.get(name=MODEL_PROJECT_TEAMS)
    assert shared.permissions.filter(codename="access_admin").exists()


def test_a_translation_of_a_project_gets_no_second_team(projects):
    ulm = projects[0]
    ulm.get_parent().copy_for_translation(Locale.objects.get(language_code="en"))
    english = ulm.copy_for_translation(Locale.objects.get(language_code="en"))
    assert ModelProjectPage.objects.get(pk=english.pk).team in (None, ulm.team)
    assert Group.objects.filter(name__startswith="Model-project team: Zukunftsstadt").count() == 1


def test_membership_of_the_shared_group_follows_the_project_groups(projects):
    ulm, jena = projects
    shared = Group.objects.get(name=MODEL_PROJECT_TEAMS)
    member = person("team", ulm.team)
    assert shared in member.groups.all()
    jena.team.user_set.add(member)  # from the group's side, as the group editor does
    member.groups.remove(ulm.team)
    assert shared in member.groups.all()  # still in Jena's team
    member.groups.set([])
    assert not member.groups.exists()
    other = person("other")
    other.groups.set([ulm.team])
    assert set(other.groups.all()) == {ulm.team, shared}


def test_a_team_writes_for_its_project_and_the_editors_publish_it(client, projects):
    ulm, jena = projects
    client.force_login(person("ulm-team", ulm.team))
    assert client.get(reverse("wagtailadmin_pages:edit", args=[ulm.pk])).status_code == 200
    assert client.get(reverse("wagtailadmin_pages:edit", args=[jena.pk])).status_code != 200
    add_solution(client, jena)
    assert not SolutionPage.objects.filter(slug="parken").exists()

    add_solution(client, ulm, "action-publish")  # not theirs to publish: saved as a draft
    solution = SolutionPage.objects.get(slug="parken", locale__language_code="de")
    assert not solution.live
    submitted = client.post(reverse("wagtailadmin_pages:edit", args=[solution.pk]),
                            solution_form(ulm, "action-submit"))
    assert submitted.status_code == 302
    solution.refresh_from_db()
    task_state = solution.current_workflow_task_state
    assert task_state is not None and not solution.live

    approve = reverse("wagtailadmin_pages:workflow_action",
                      args=[solution.pk, "approve", task_state.pk])
    client.force_login(person("moderator", Group.objects.get(name="Moderators")))
    client.post(approve, {"comment": ""})
    solution.refresh_from_db()
    assert not solution.live  # the community's moderators do not approve pages

    client.force_login(person("editor", Group.objects.get(name="Editors")))
    assert client.post(approve, {"comment": ""}).status_code in (200, 302)
    solution.refresh_from_db()
    assert solution.live


def test_the_teams_migration_runs_twice_without_doubling_anything(projects):
    migration = importlib.import_module("repository.migrations.0005_project_teams")
    before = (Group.objects.count(), GroupPagePermission.objects.count())
    migration.grant_roles(global_apps, None)
    migration.grant_roles(global_apps, None)
    assert (Group.objects.count(), GroupPagePermission.objects.count()) == before


def test_the_approval_migration_goes_back_and_forth():
    migration = importlib.import_module("home.migrations.0004_editors_approve_pages")
    task = GroupApprovalTask.objects.get()
    assert [group.name for group in task.groups.all()] == ["Editors"]
    migration.moderators_approve(global_apps, None)
    assert [group.name for group in task.groups.all()] == ["Moderators"]
    migration.editors_approve(global_apps, None)
    task.refresh_from_db()
    assert task.name == "Editors approval"
    assert [group.name for group in task.groups.all()] == ["Editors"]
