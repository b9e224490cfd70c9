from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from community.models import FederalState, Municipality
from events.interest import CONSENT_TEXT
from events.models import EventFormat, InterestKind, PreferredFormat, StartingSituation
from repository.models import Topic

REGISTRATION_CONSENT = _(
    "I agree that the office stores my details to run this event and writes to me about "
    "it. I can cancel at any time with the link in every e-mail.")


class MunicipalityChoiceField(forms.ModelChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        super().__init__(queryset=Municipality.objects.order_by("name"), **kwargs)

    def label_from_instance(self, obj: Municipality) -> str:
        return f"{obj.name} ({obj.get_federal_state_display()})"


class GuestRegistrationForm(forms.Form):
    """For people without an account: the address is confirmed by a link before a place
    is held."""

    name = forms.CharField(label=_("Your name"), max_length=200)
    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    municipality = MunicipalityChoiceField(
        label=_("Municipality"), required=False, empty_label=_("– not in the list –"))
    organisation = forms.CharField(
        label=_("Municipality or organisation, if not in the list"), max_length=200,
        required=False)
    consent = forms.BooleanField(label=REGISTRATION_CONSENT)

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if not cleaned.get("municipality") and not (cleaned.get("organisation") or "").strip():
            self.add_error("organisation", _("Choose your municipality from the list, or "
                                             "name it or your organisation here."))
        return cleaned


class CancelForm(forms.Form):
    scope = forms.ChoiceField(
        label=_("What to cancel"), widget=forms.RadioSelect, initial="one",
        choices=[("one", _("Only this session")),
                 ("series", _("Every session of the series still ahead"))])


class TopicCheckboxesField(forms.ModelMultipleChoiceField):
    """The default language's topics as checkboxes, named in the reader's language.

    Requests are filed under the default language's topics (the office counts them per
    topic), and they are chosen by slug, which is the same in every language: a form or
    a JSON client may send ``mobilitaet`` whichever language it speaks.
    """

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(
            queryset=Topic.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
            .order_by("sort_order", "name"),
            to_field_name="slug", **kwargs)
        self._names: dict[Any, str] | None = None

    def label_from_instance(self, obj: Topic) -> str:
        if self._names is None:
            # One query for every label, in the language the form is shown in.
            self._names = dict(Topic.objects.filter(
                locale__language_code=translation.get_language()
            ).values_list("translation_key", "name"))
        return self._names.get(obj.translation_key, obj.name)


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


NEWSLETTER_CONSENT = _(
    "I would like to receive the Start Smart newsletter. The office stores my address and "
    "choices only to send it; I can unsubscribe at any time with the link in every "
    "newsletter.")


class NewsletterForm(forms.Form):
    """Sign-up for the newsletter. Nothing is subscribed until the address is confirmed
    with the link that the sign-up sends (see :mod:`events.newsletter`)."""

    email = forms.EmailField(label=_("E-mail address"), max_length=254)
    name = forms.CharField(label=_("Your name"), max_length=200, required=False)
    topics = TopicCheckboxesField(
        label=_("Topics"), required=False,
        help_text=_("Leave all unticked to hear about every topic."),
        error_messages={"invalid_choice": _("There is no topic “%(value)s”.")})
    formats = forms.MultipleChoiceField(
        label=_("Formats"), required=False, choices=EventFormat.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Leave all unticked to hear about every format."))
    consent = forms.BooleanField(
        label=NEWSLETTER_CONSENT,
        error_messages={"required": _("Please agree, so that we may send you the "
                                      "newsletter.")})

    def clean_email(self) -> str:
        return self.cleaned_data["email"].strip().lower()
