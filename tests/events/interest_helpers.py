"""Helpers of the expression-of-interest tests (test_interest*.py): form data, a
request made through the service, the links in e-mails, the admin's edit form."""

from __future__ import annotations

import re

from django.urls import reverse
from django.utils import translation
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from events.interest import service
from events.models import ExpressionOfInterest, InterestKind, PreferredFormat, StartingSituation

BERLIN = service.BERLIN


def url(name: str, language: str = "de", args: list | None = None) -> str:
    with translation.override(language):
        return reverse(f"events:{name}", args=args or [])


def form_data(**overrides) -> dict:
    data = {
        "kind": InterestKind.CONSULTATION, "municipality": "", "new_municipality_name": "",
        "federal_state": "", "contact_name": "Erika Muster", "contact_role": "Digitalisierung",
        "email": "erika@ulm.example", "phone": "+49 731 161-0", "topics": ["mobilitaet"],
        "starting_situation": StartingSituation.FIRST_STEPS,
        "situation_details": "Wir fangen gerade an.",
        "preferred_format": PreferredFormat.ON_SITE, "preferred_dates": "März, vormittags",
        "consent": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_interest(municipality, topics=(), *, language="de", **fields) -> ExpressionOfInterest:
    values = {"kind": InterestKind.CONSULTATION, "municipality": municipality,
              "contact_name": "Erika Muster", "email": "erika@ulm.example",
              "starting_situation": StartingSituation.STRATEGY_IN_PROGRESS,
              "preferred_format": PreferredFormat.EITHER, "consent": True,
              "topics": list(topics), **fields}
    return service.submit(values, language)


def status_link(message) -> str:
    found = re.search(r"http://testserver(/\S+)", message.body)
    assert found, f"no link in:\n{message.body}"
    return found.group(1)


def admin_edit_url(interest) -> str:
    return reverse(ExpressionOfInterest.snippet_viewset.get_url_name("edit"), args=[interest.pk])


def admin_form(interest, *, status=None, assignee=None, notes=()) -> dict:
    existing = [{"id": note.pk, "text": note.text} for note in interest.notes.all()]
    return nested_form_data({
        "status": status or interest.status,
        "assignee": assignee.pk if assignee else "",
        "notes": inline_formset([*existing, *({"text": text} for text in notes)],
                                initial=len(existing)),
    })
