"""The form a municipality's member reports an adoption with."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from repository.models import AdoptionStatus

# What a municipality can say about a solution, in its own words.
REPORTED_STATUSES = [
    (AdoptionStatus.IN_OPERATION.value, _("We use this")),
    (AdoptionStatus.IN_PROGRESS.value, _("We are introducing this")),
    (AdoptionStatus.DROPPED.value, _("We looked at it and decided against it")),
]
REASON_LENGTH = 1000


class AdoptionReportForm(forms.Form):
    status = forms.ChoiceField(label=_("What is true for your municipality?"),
                               choices=REPORTED_STATUSES, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Why, in a few words"), required=False, max_length=REASON_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when you decided against it: what made you decide so helps "
                    "the next municipality."))
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=200,
                                   help_text=_("Someone other municipalities may ask."))
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    answers_questions = forms.BooleanField(
        label=_("I answer other municipalities' questions about it"), required=False,
        help_text=_("Questions on this solution then reach you too, by notification and "
                    "e-mail, once the report is confirmed."))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        if (cleaned.get("status") == AdoptionStatus.DROPPED
                and not (cleaned.get("reason") or "").strip()):
            self.add_error("reason", _("Please say briefly why you decided against it."))
        if cleaned.get("contact_email") and not cleaned.get("contact_name"):
            self.add_error("contact_name", _("Please name the contact person too."))
        return cleaned
