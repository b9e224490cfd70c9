"""The demo's expert directory: the experts' cards show the solutions their model
projects built (Anna Berger, Jonas Keller) and the ones they run (Jonas Keller, Lea
Schmidt), on the page (German and English) and in the API; loading the demo again puts
nobody into a team twice."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from wagtail.models import Locale

from repository.models import ModelProjectPage, SolutionPage
from repository.reporting.models import TeamMember
from tests.demo import install_demo, load_demo

pytestmark = pytest.mark.django_db

# expert → (the model project whose team they are in, or None; runs the LoRaWAN network)
EXPERTS = {"anna.berger@ulm.demo.example": ("08421000", False),
           "jonas.keller@bamberg.demo.example": ("09461000", True),
           "lea.schmidt@hoexter.demo.example": (None, True)}


def titles_of(ags: str, language: str) -> list[str]:
    project = ModelProjectPage.objects.get(municipality__ags=ags,
                                           locale__language_code="de")
    return sorted(SolutionPage.objects.live().filter(
        model_project__translation_key=project.translation_key,
        locale__language_code=language).values_list("title", flat=True))


def test_the_demo_experts_cards_show_what_they_built_and_run(client):
    install_demo()
    german = SolutionPage.objects.get(slug="lorawan-sensornetz", locale__language_code="de")
    lorawan = {"de": german.title,
               "en": german.get_translation(Locale.objects.get(language_code="en")).title}
    assert lorawan["de"] == "LoRaWAN-Sensornetz für die ganze Stadt"
    reader = get_user_model().objects.get(email="sabine.hofmann@hassfurt.demo.example")
    client.force_login(reader)
    by_email = {user.pk: user.email for user in get_user_model().objects.filter(
        email__in=EXPERTS)}
    for language in ("de", "en"):
        items = {by_email.get(item["id"]): item for item in client.get(
            "/api/v2/experts/", HTTP_ACCEPT_LANGUAGE=language).json()["items"]}
        for email, (ags, runs_lorawan) in EXPERTS.items():
            card = items[email]
            built = sorted(link["title"] for link in card["built"])
            assert built == (titles_of(ags, language) if ags else []), (language, email)
            assert built or not ags
            runs = [link["title"] for link in card["runs"]]
            assert runs == ([lorawan[language]] if runs_lorawan else []), (language, email)
            assert all(link["url"] for link in card["built"] + card["runs"])

    page = client.get("/de/experten/")
    assert page.status_code == 200
    for heading in ("Entwickelt", "Betreibt", lorawan["de"], *titles_of("09461000", "de")):
        assert heading in page.text, heading
    english = client.get("/en/experts/")
    assert english.status_code == 200 and lorawan["en"] in english.text


def test_loading_the_demo_again_puts_nobody_into_a_team_twice():
    load_demo()
    members = TeamMember.objects.count()
    assert TeamMember.objects.filter(user__email__in=EXPERTS).count() == 2
    load_demo()
    assert TeamMember.objects.count() == members
