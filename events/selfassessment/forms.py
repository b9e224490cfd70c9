"""The self-assessment's form: the site shows it as one page, and the JSON API
validates with it as well."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import FederalState, SizeClass
from events.forms import MunicipalityChoiceField, TopicCheckboxesField
from events.selfassessment.questionnaire import QUESTIONS


class SelfAssessmentForm(forms.Form):
    municipality = MunicipalityChoiceField(
        label=_("Your municipality"), required=False,
        help_text=_("Type part of its name. It tells us its size and federal state, so "
                    "that we can show you what similar municipalities do."))
    size_class = forms.ChoiceField(
        label=_("Size of your municipality, if it is not in the list"), required=False,
        choices=[("", "–"), *SizeClass.choices])
    federal_state = forms.ChoiceField(
        label=_("Federal state, if your municipality is not in the list"), required=False,
        choices=[("", "–"), *FederalState.choices])
    topics = TopicCheckboxesField(
        label=_("Fields of action that interest you"), required=False,
        error_messages={"invalid_choice": _("There is no topic “%(value)s”.")})

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in QUESTIONS:
            self.fields[question.key] = forms.ChoiceField(
                label=question.text, widget=forms.RadioSelect,
                choices=[(answer.value, answer.label) for answer in question.answers],
                error_messages={"required": _("Choose the answer that fits best."),
                                "invalid_choice": _("Choose one of the answers given.")})

    def question_fields(self) -> list[tuple[Any, forms.BoundField]]:
        """Each question's area (the heading above it) with its field."""
        return [(question.area, self[question.key]) for question in QUESTIONS]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        if municipality is not None:
            # The list knows size and state; what was chosen besides would only confuse.
            cleaned["size_class"] = municipality.size_class
            cleaned["federal_state"] = municipality.federal_state
        return cleaned
