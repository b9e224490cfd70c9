"""Freshness: what a model project confirmed about its solution, in every language, and
how long that holds."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from home import page_clock
from repository.freshness import confirm_solution, freshness, lapses_on, unconfirmed
from repository.models import Maturity, SolutionPage
from tests.clock import berlin
from tests.community.factories import MunicipalityFactory
from tests.home.factories import publish, translate
from tests.repository.factories import (
    ModelProjectIndexPageFactory,
    ModelProjectPageFactory,
    SolutionPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def solution(site):
    index = publish(ModelProjectIndexPageFactory(parent=site.root_page, slug="projekte"))
    project = publish(ModelProjectPageFactory(
        parent=index, title="Zukunftsstadt Ulm", slug="ulm",
        municipality=MunicipalityFactory(name="Ulm", ags="08421000")))
    translate(index, "en", slug="projects")
    translate(project, "en", slug="ulm-en")
    german = publish(SolutionPageFactory(parent=project, model_project=project, slug="parken",
                                         title="Freie Parkplätze", maturity=Maturity.PILOT))
    translate(german, "en", title="Free parking spaces", slug="parking")
    return german


def both_languages(solution):
    return {page.locale.language_code: page
            for page in SolutionPage.objects.filter(translation_key=solution.translation_key)
            .select_related("locale")}


def test_confirmation_reaches_every_language_page_and_api(client, solution):
    confirm_solution(solution, maturity=Maturity.OPERATION, operation="running",
                     confirmed_on=date(2026, 6, 1))

    for language, page in both_languages(solution).items():
        assert page.maturity == Maturity.OPERATION, language
        assert page.last_confirmed == date(2026, 6, 1)
        assert page.freshness == "confirmed"
        assert not page.has_unpublished_changes
        assert page.live_revision.as_object().maturity == Maturity.OPERATION
        answer = client.get(f"/api/v2/solutions/{page.pk}/").json()
        assert answer["maturity"] == "operation"
        assert answer["last_confirmed"] == "2026-06-01"
        assert answer["freshness"] == "confirmed"


def test_a_waiting_draft_keeps_its_changes_and_takes_the_confirmation(solution):
    solution.title = "Freie Parkplätze in Echtzeit (Entwurf)"
    solution.save_revision()

    confirm_solution(solution, maturity=Maturity.TRANSFERRED, operation="changed",
                     confirmed_on=date(2026, 6, 10))

    german = both_languages(solution)["de"]
    assert german.title == "Freie Parkplätze"  # the draft is not published
    assert german.maturity == Maturity.TRANSFERRED
    assert german.has_unpublished_changes
    draft = german.get_latest_revision_as_object()
    assert draft.title == "Freie Parkplätze in Echtzeit (Entwurf)"
    assert (draft.maturity, draft.last_confirmed) == (Maturity.TRANSFERRED, date(2026, 6, 10))


def test_confirmation_holds_for_six_months(solution, frozen_clock):
    assert freshness(solution) == "unconfirmed"  # never confirmed
    confirm_solution(solution, maturity=Maturity.PILOT, operation="running",
                     confirmed_on=date(2026, 6, 10))
    frozen_clock.move_to(berlin("2026-12-10 12:00"))
    solution.refresh_from_db()
    assert freshness(solution) == "confirmed"
    assert not unconfirmed(SolutionPage.objects.all()).exists()
    frozen_clock.move_to(berlin("2026-12-11 09:00"))
    assert freshness(solution) == "unconfirmed"
    assert set(unconfirmed(SolutionPage.objects.all())) == set(both_languages(solution).values())


def test_an_ended_solution_is_marked_not_deleted_and_can_run_again(client, solution):
    confirm_solution(solution, maturity=Maturity.PILOT, operation="ended",
                     confirmed_on=date(2026, 5, 2), reason="Der Anbieter hat aufgegeben.")
    for page in both_languages(solution).values():
        assert (page.freshness, page.ended_on, page.live) == ("ended", date(2026, 5, 2), True)
        assert page.ended_reason == "Der Anbieter hat aufgegeben."
    assert client.get(f"/api/v2/solutions/{solution.pk}/").json()["freshness"] == "ended"
    # Confirmed as ended once more: it ended on the first day it was reported so.
    confirm_solution(solution, maturity=Maturity.PILOT, operation="ended",
                     confirmed_on=date(2026, 6, 9), reason="Weiterhin eingestellt.")
    assert both_languages(solution)["en"].ended_on == date(2026, 5, 2)
    assert not unconfirmed(SolutionPage.objects.all()).exists()  # ended ones need no prompt

    confirm_solution(solution, maturity=Maturity.OPERATION, operation="running",
                     confirmed_on=date(2026, 6, 10))
    for page in both_languages(solution).values():
        assert (page.freshness, page.ended_on, page.ended_reason) == ("confirmed", None, "")


@pytest.mark.parametrize("change", [
    {"maturity": "P9"},
    {"operation": "maybe"},
    {"confirmed_on": date(2026, 6, 11)},  # tomorrow
])
def test_bad_confirmation_is_refused_and_changes_nothing(solution, change):
    arguments = {"maturity": Maturity.OPERATION, "operation": "running",
                 "confirmed_on": date(2026, 6, 1), **change}
    revisions = solution.revisions.count()
    with pytest.raises(ValidationError):
        confirm_solution(solution, **arguments)
    for page in both_languages(solution).values():
        assert (page.maturity, page.last_confirmed) == (Maturity.PILOT, None)
    assert solution.revisions.count() == revisions


def test_a_confirmation_lapses_on_the_first_day_it_no_longer_counts():
    assert lapses_on(date(2026, 6, 10)) == date(2026, 12, 11)
    # Six months before 29, 30 and 31 August are all 28 February (no 29th in 2027).
    assert lapses_on(date(2027, 2, 28)) == date(2027, 9, 1)


def test_a_confirmed_page_says_when_it_lapses(solution):
    confirm_solution(solution, maturity=Maturity.PILOT, operation="running",
                     confirmed_on=date(2026, 6, 10))
    solution.refresh_from_db()
    with page_clock.watching() as clock:
        assert freshness(solution) == "confirmed"
    assert clock.next_change == berlin("2026-12-11 00:00").timestamp()
