"""The directory's search form (a GET form: filters in the address, shareable) and the
form a member writes to an expert with."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from community.models import ExpertiseTag, FederalState, SizeClass
from repository.experts.directory import ExpertFilters, listed_experts
from repository.models import Topic

MESSAGE_LENGTH = 2000
SEARCH_LENGTH = 100
LAST_PAGE = 10_000


def _any(label: Any) -> list[tuple[str, Any]]:
    return [("", label)]


class ExpertSearchForm(forms.Form):
    q = forms.CharField(label=_("Name or expertise"), required=False, max_length=SEARCH_LENGTH)
    tag = forms.ChoiceField(label=_("Expertise"), required=False)
    state = forms.ChoiceField(label=_("Federal state"), required=False,
                              choices=[*_any(_("All federal states")), *FederalState.choices])
    size_class = forms.ChoiceField(label=_("Size class"), required=False,
                                   choices=[*_any(_("All size classes")), *SizeClass.choices])
    topic = forms.ChoiceField(label=_("Field of action of their solutions"), required=False)
    page = forms.IntegerField(required=False, min_value=1, max_value=LAST_PAGE,
                              widget=forms.HiddenInput)

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the expertise of listed experts: a tag nobody offers finds nobody.
        tags = (ExpertiseTag.objects.filter(tagged_profiles__content_object__in=listed_experts())
                .distinct().order_by("name").values_list("slug", "name"))
        self.fields["tag"].choices = [*_any(_("All expertise")), *tags]
        topics = (Topic.objects.filter(locale__language_code=language)
                  .order_by("sort_order", "name").values_list("slug", "name"))
        self.fields["topic"].choices = [*_any(_("All fields of action")), *topics]

    def filters(self) -> ExpertFilters:
        data = self.cleaned_data
        return ExpertFilters(text=" ".join((data.get("q") or "").split()),
                             tag=data.get("tag") or "", federal_state=data.get("state") or "",
                             size_class=data.get("size_class") or "",
                             topic=data.get("topic") or "")

    def active(self) -> bool:
        return self.is_bound and self.is_valid() and any(
            self.cleaned_data.get(name) for name in ("q", "tag", "state", "size_class",
                                                     "topic"))


class ContactExpertForm(forms.Form):
    message = forms.CharField(
        label=_("Your message"), max_length=MESSAGE_LENGTH, min_length=20,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Say who you are and what you would like to know. The expert answers "
                    "you by e-mail; your address is shown to them, theirs is not shown "
                    "to you."))

    def clean_message(self) -> str:
        message = self.cleaned_data["message"].strip()
        if "\x00" in message:
            raise forms.ValidationError(_("The message contains characters that cannot be "
                                          "sent."))
        return message
