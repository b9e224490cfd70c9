"""The adoption reports' solution (tests.repository.adoption_helpers) with two adopting
municipalities, one of which answers questions, for the tests of questions to the
implementers (unit, API and browser)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse

from repository.models import Adoption, Question
from repository.models.adoptions import AdoptionSource, AdoptionStatus
from tests.community.factories import MunicipalityFactory
from tests.repository.adoption_helpers import Reporting, member_of, reporting_setup


@dataclass
class Asking(Reporting):
    adopter: Any         # answers questions for Fürth, which runs the solution
    silent_adopter: Any  # of Erlangen, which runs it too but did not opt in


def asking_setup(site: Any) -> Asking:
    base = reporting_setup(site)
    furth = MunicipalityFactory(name="Fürth", ags="09563000", federal_state="09")
    erlangen = MunicipalityFactory(name="Erlangen", ags="09562000", federal_state="09")
    adopter = member_of("fuerth", furth)
    silent = member_of("erlangen", erlangen)
    Adoption.objects.create(solution=base.solution, municipality=furth,
                            status=AdoptionStatus.IN_OPERATION,
                            source=AdoptionSource.OFFICE, questions_contact=adopter)
    Adoption.objects.create(solution=base.solution, municipality=erlangen,
                            status=AdoptionStatus.IN_OPERATION,
                            source=AdoptionSource.OFFICE)
    return Asking(**vars(base), adopter=adopter, silent_adopter=silent)


def ask_url(solution: Any) -> str:
    return reverse("repository:ask_question", args=[solution.pk])


def question_url(question: Question) -> str:
    return reverse("repository:question", args=[question.pk])


def answer_url(question: Question) -> str:
    return reverse("repository:answer_question", args=[question.pk])


def helpful_url(question: Question) -> str:
    return reverse("repository:choose_helpful", args=[question.pk])


def promote_url(question: Question) -> str:
    return reverse("repository_questions:promote", args=[question.pk])


PROMOTION = {"question_de": "Wie viele Sensoren braucht ein Parkhaus?",
             "answer_de": "Einen je Stellplatz; die Schranke zählt die übrigen.",
             "question_en": "How many sensors does a car park need?",
             "answer_en": "One per space; the barrier counts the rest."}
