"""The expression-of-interest form; the JSON API validates with it as well."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from community.models import FederalState
from events.forms import MunicipalityChoiceField, TopicCheckboxesField
from events.interest.models import InterestKind, PreferredFormat, StartingSituation
from events.interest.service import CONSENT_TEXT

phone_number = RegexValidator(
    r"^\+?[0-9][0-9 ()/.\-]{2,39}$",
    _("Enter a phone number: digits, spaces and + ( ) / - only."))


class ExpressionOfInterestForm(forms.Form):
    """A municipality asks for an initial consultation, a place in a peer-learning
    series, or to be kept informed. The JSON API validates with this form as well."""

    kind = forms.ChoiceField(label=_("What would you like?"), choices=InterestKind.choices,
                             widget=forms.RadioSelect)
    municipality = MunicipalityChoiceField(
        label=_("Municipality"), required=False, empty_label=_("– not in the list –"),
        error_messages={"invalid_choice": _("There is no such municipality in the list.")})
    new_municipality_name = forms.CharField(
        label=_("Name of the municipality, if it is not in the list"), max_length=200,
        required=False)
    federal_state = forms.ChoiceField(
        label=_("Federal state, if the municipality is not in the list"), required=False,
        choices=[("", "–"), *FederalState.choices])
    contact_name = forms.CharField(label=_("Contact person"), max_length=200)
    contact_role = forms.CharField(label=_("Role or department"), max_length=200,
                                   required=False)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False,
                            validators=[phone_number])
    topics = TopicCheckboxesField(
        label=_("Topics of interest"), required=False,
        error_messages={"invalid_choice": _("There is no topic “%(value)s”.")})
    starting_situation = forms.ChoiceField(
        label=_("Where does your municipality stand?"), choices=StartingSituation.choices,
        widget=forms.RadioSelect)
    situation_details = forms.CharField(
        label=_("Tell us more about your situation"), max_length=2000, required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What you have done so far, what you plan, what you would like to "
                    "know. At most 2,000 characters."))
    preferred_format = forms.ChoiceField(
        label=_("Preferred format"), choices=PreferredFormat.choices,
        initial=PreferredFormat.EITHER, widget=forms.RadioSelect)
    preferred_dates = forms.CharField(
        label=_("Preferred dates"), max_length=300, required=False,
        help_text=_("For example: weekday mornings in March, not in the school holidays."))
    consent = forms.BooleanField(
        label=CONSENT_TEXT,
        error_messages={"required": _("Please agree to how we use your details: without "
                                      "that, we cannot take your request.")})

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        municipality = cleaned.get("municipality")
        if municipality is not None:
            # The list knows the state; a name typed as well would only confuse.
            cleaned["federal_state"] = municipality.federal_state
            cleaned["new_municipality_name"] = ""
        elif "municipality" not in self.errors:
            if not (cleaned.get("new_municipality_name") or "").strip():
                self.add_error("new_municipality_name", _(
                    "Choose your municipality from the list, or enter its name here."))
            if not cleaned.get("federal_state"):
                self.add_error("federal_state", _(
                    "Choose the federal state of a municipality that is not in the list."))
        return cleaned
