"""Building blocks of the reporting-round tests: projects with teams, solutions,
indicators, people in every role, and the report form's fields."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Locale

from community.models import MemberProfile
from repository.models import (
    Indicator,
    Maturity,
    Report,
    ReportingRound,
    SolutionPage,
    TeamMember,
    TeamRole,
)
from tests.community.factories import make_user
from tests.home.factories import publish
from tests.repository.factories import SolutionPageFactory, TopicFactory, english_topic


def english(user: Any) -> Any:
    MemberProfile.objects.filter(user=user).update(language="en")
    return user


def reporting_setup(catalogue: dict[str, Any]) -> dict[str, Any]:
    bamberg, ulm = catalogue["bamberg"], catalogue["ulm"]
    mobility = TopicFactory(name="Mobilität", slug="mobilitaet")
    english_topic(mobility, "Mobility")
    parking = publish(SolutionPageFactory(parent=bamberg, model_project=bamberg,
                                          title="Parken in Echtzeit", slug="parken",
                                          maturity=Maturity.PILOT))
    parking.topics.add(mobility)
    parking.save()
    portal = publish(SolutionPageFactory(parent=bamberg, model_project=bamberg,
                                         title="Bürgerportal", slug="portal",
                                         maturity=Maturity.PROTOTYPE))
    sensors = publish(SolutionPageFactory(parent=ulm, model_project=ulm,
                                          title="Sensornetz", slug="sensornetz"))
    users = Indicator.objects.create(topic=mobility, name="Nutzende pro Monat",
                                     unit="Personen", target=Decimal("5000"),
                                     locale=Locale.objects.get(language_code="de"))
    translated = users.copy_for_translation(Locale.objects.get(language_code="en"))
    translated.name, translated.unit = "Users per month", "people"
    translated.save()
    saved = Indicator.objects.create(topic=mobility, name="Eingesparte Suchfahrten",
                                     unit="Fahrten", locale=users.locale)
    people = {name: make_user(name) for name in ("lead", "helper", "ulmlead", "plain",
                                                 "editor")}
    TeamMember.objects.create(project=bamberg, user=people["lead"], role=TeamRole.LEAD)
    TeamMember.objects.create(project=bamberg, user=people["helper"])
    TeamMember.objects.create(project=ulm, user=people["ulmlead"], role=TeamRole.LEAD)
    people["editor"].groups.add(Group.objects.get(name="Editors"))
    today = timezone.localdate()
    reporting_round = ReportingRound.objects.create(
        title="Bericht 2026-1", opens_on=today - datetime.timedelta(days=2),
        due_on=today + datetime.timedelta(days=10), intro="Bitte berichten Sie bis Ende Juni.",
        questions="Was hat Sie überrascht?")
    return {**people, "bamberg": bamberg, "ulm": ulm, "parking": parking, "portal": portal,
            "sensors": sensors, "indicator": users, "saved_trips": saved,
            "round": reporting_round,
            "report": Report.objects.get(round=reporting_round, project=bamberg),
            "ulm_report": Report.objects.get(round=reporting_round, project=ulm)}


def report_form_data(setup: dict[str, Any], action: str = "draft", **overrides: str) -> dict:
    """A complete report for Bamberg as the form posts it."""
    parking, portal = setup["parking"], setup["portal"]
    data = {
        "action": action, "progress": "Die Sensoren laufen in der Altstadt.",
        "question_0": "Wie schnell die Nutzung stieg.",
        f"s{parking.pk}_maturity": "operation", f"s{parking.pk}_operation": "running",
        f"s{parking.pk}_operation_note": "", f"s{parking.pk}_costs_so_far": "120000,50",
        f"s{parking.pk}_lessons": "Früh mit dem Ordnungsamt sprechen.",
        f"s{parking.pk}_adoptions_known": "Forchheim",
        f"s{parking.pk}_indicator_{setup['indicator'].pk}": "4200",
        f"s{parking.pk}_indicator_{setup['saved_trips'].pk}": "",
        f"s{portal.pk}_maturity": "pilot", f"s{portal.pk}_operation": "changed",
        f"s{portal.pk}_operation_note": "Jetzt mit Terminbuchung.",
        f"s{portal.pk}_costs_so_far": "", f"s{portal.pk}_lessons": "",
        f"s{portal.pk}_adoptions_known": "",
    }
    data.update(overrides)
    return data


def solution_maturity(solution: SolutionPage) -> str:
    return SolutionPage.objects.get(pk=solution.pk).maturity
