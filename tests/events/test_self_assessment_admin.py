"""The office's side of the self-assessment: it edits the stages and sees how many
members stand on each, never anyone's answers."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import NoReverseMatch, reverse

from events.models import MaturityStage, SelfAssessment
from tests.community.factories import make_user

pytestmark = pytest.mark.django_db

REPORT = "/admin/start-smart/self-assessments/"


def kept(name: str, stage: str, size_class: str, answers: str = "geheim") -> None:
    SelfAssessment.objects.create(user=make_user(name), answers={"note": answers},
                                  score=10, stage_code=stage, size_class=size_class)


@pytest.fixture
def analyst(db):
    user = make_user("auswertung")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"),
                              Permission.objects.get(codename="view_selfassessment"))
    return user


def test_the_report_counts_stages_per_size_class_without_answers(client, analyst):
    kept("a", "P1", "landgemeinde", "Antwort-Eins")
    kept("b", "P1", "landgemeinde")
    kept("c", "P4", "grossstadt")
    kept("d", "P2", "")
    client.force_login(analyst)
    response = client.get(REPORT)
    report = response.context["report"]
    assert response.status_code == 200
    rows = {row["code"]: row for row in report["rows"]}
    assert rows["P1"]["cells"][0] == 2 and rows["P1"]["total"] == 2
    assert rows["P4"]["cells"][3] == 1
    assert rows["P2"]["cells"][-1] == 1
    assert report["total"] == 4
    html = response.content.decode()
    assert "Antwort-Eins" not in html and "a@demo.example" not in html


@pytest.mark.parametrize("who", ["anonymous", "member", "admin-without-permission"])
def test_only_the_permitted_see_the_report(client, who):
    if who != "anonymous":
        user = make_user("neugierig")
        if who == "admin-without-permission":
            user.user_permissions.add(Permission.objects.get(codename="access_admin"))
        client.force_login(user)
    response = client.get(REPORT)
    assert response.status_code in (302, 403)
    assert "report" not in (response.context or {})


def test_no_admin_view_lists_the_members_answers(editor_client):
    with pytest.raises(NoReverseMatch):
        reverse("wagtailsnippets_events_selfassessment:list")
    assert editor_client.get("/admin/snippets/events/selfassessment/").status_code == 404


def test_the_office_edits_a_stage_in_the_admin(editor_client):
    stage = MaturityStage.objects.get(code="P3", locale__language_code="de")
    url = reverse("wagtailsnippets_events_maturitystage:edit", args=[stage.pk])
    response = editor_client.post(url, {
        "code": "P3", "name": "Erproben", "description": "Erste Lösungen im Test.",
        "next_steps": "", "threshold": "50", "formats": ["theme-workshop"]})
    assert response.status_code == 302
    stage.refresh_from_db()
    assert (stage.name, stage.threshold, stage.formats) == ("Erproben", 50, ["theme-workshop"])


def test_a_stage_with_an_unknown_format_or_threshold_is_refused(editor_client):
    stage = MaturityStage.objects.get(code="P3", locale__language_code="de")
    url = reverse("wagtailsnippets_events_maturitystage:edit", args=[stage.pk])
    response = editor_client.post(url, {
        "code": "P3", "name": "Erproben", "description": "x", "threshold": "150",
        "formats": ["yoga"]})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"threshold", "formats"}
    stage.refresh_from_db()
    assert stage.threshold == 45
