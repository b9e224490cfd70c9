"""The admin form of a maturity stage: its formats as checkboxes of the Start Smart
formats (the model keeps them as a JSON list, whose own form field is a text box)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from events.models.pages import EventFormat


class MaturityStageForm(WagtailAdminModelForm):
    formats = forms.MultipleChoiceField(
        label=_("Start Smart formats that fit"), choices=EventFormat.choices,
        widget=forms.CheckboxSelectMultiple, required=False,
        help_text=_("Offered as next steps, with the coming events of these formats."))
