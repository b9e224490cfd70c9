"""Form fields that the programme's forms share: a municipality from the list (found with
the picker), and topics as checkboxes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation

from community.municipality_picker import MunicipalityField
from repository.models import Topic


class MunicipalityChoiceField(MunicipalityField):
    """The municipality picker (community.municipality_picker): a search with a search
    step, not a list of 11,000 names."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.pop("empty_label", None)  # a search has no empty choice
        super().__init__(**kwargs)



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
