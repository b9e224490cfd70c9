"""Registering as a guest, and choosing what a cancellation link cancels."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from events.forms import MunicipalityChoiceField

REGISTRATION_CONSENT = _(
    "I agree that the office stores my details to run this event and writes to me about "
    "it. I can cancel at any time with the link in every e-mail.")



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
