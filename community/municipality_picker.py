"""The municipality picker of every form that asks for one: a search field that works
without JavaScript through a search step, and that a script turns into an accessible
autocomplete (ARIA combobox, `community/static/community/js/municipality_picker.js`).

Without the script: the person types part of the name and sends the form (or presses
"Find"); the form comes back with the matches as radio buttons to choose from, and is
sent again. With it: suggestions appear as they type (from
`community:municipality_matches`), chosen with the arrow keys and Enter, and the form is
sent once. Either way the form receives the municipality's id under the field's name, as
JSON clients and the tests send it too.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from community.models import Municipality
from community.models.municipalities import fold_name
from community.municipality_search import (
    QUERY_MAX_LENGTH,
    find_municipalities,
    municipality_label,
)


class MunicipalityPicker(forms.Widget):
    template_name = "community/widgets/municipality_picker.html"

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str]:
        return {"id": str(data.get(name) or "").strip(),
                "query": str(data.get(f"{name}_query") or "")[:QUERY_MAX_LENGTH].strip()}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_query" not in data

    def format_value(self, value: Any) -> dict[str, str]:
        if isinstance(value, dict):
            return value
        return {"id": "" if value in (None, "") else str(getattr(value, "pk", value)),
                "query": ""}

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict:
        context = super().get_context(name, value, attrs)
        current = self.format_value(value)
        chosen = _municipality(current["id"])
        query = current["query"] or (municipality_label(chosen) if chosen else "")
        matches = []
        if current["query"] and not fits(chosen, current["query"]):
            matches = list(find_municipalities(current["query"]))
        elif chosen is not None:
            matches = [chosen]
        context["picker"] = {
            "query": query, "query_name": f"{name}_query",
            "chosen": chosen.pk if chosen else None,
            "matches": [{"id": m.pk, "label": municipality_label(m)} for m in matches],
            "searched": bool(current["query"]) and chosen is None,
            "suggestions_url": reverse("community:municipality_matches"),
        }
        return context


def fits(chosen: Municipality | None, query: str) -> bool:
    """Whether the municipality chosen is one the query finds (or is named by it): a
    radio chosen after the search step, a suggestion chosen by the script. A query that
    does not find it asks for a new search."""
    if chosen is None:
        return False
    if not query or query == municipality_label(chosen):
        return True
    return all(f" {word}" in chosen.search_name for word in fold_name(query).split())


def _municipality(pk: str) -> Municipality | None:
    return Municipality.objects.filter(pk=int(pk)).first() if pk.isdigit() and \
        len(pk) < 19 else None


class MunicipalityField(forms.Field):
    """A municipality from the list, found by its name."""

    widget = MunicipalityPicker
    default_error_messages = {
        "invalid_choice": _("There is no such municipality in the list."),
        "choose": _("Choose your municipality from the matches below."),
        "no_match": _("No municipality in the list matches “%(query)s”. Check the "
                      "spelling or type less of the name."),
    }

    def to_python(self, value: Any) -> Municipality | None:
        value = value if isinstance(value, dict) else {"id": str(value or ""), "query": ""}
        if value["id"]:
            chosen = _municipality(value["id"])
            if chosen is None:
                raise ValidationError(self.error_messages["invalid_choice"],
                                      code="invalid_choice")
            if fits(chosen, value["query"]):
                return chosen
        if value["query"]:
            # The search step: the form comes back with the matches to choose from.
            if not find_municipalities(value["query"]).exists():
                raise ValidationError(self.error_messages["no_match"], code="no_match",
                                      params={"query": value["query"]})
            raise ValidationError(self.error_messages["choose"], code="choose")
        return None

    def validate(self, value: Any) -> None:
        if value is None and self.required:
            raise ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        return self.to_python_quietly(data) != (getattr(initial, "pk", initial) or None)

    def to_python_quietly(self, data: Any) -> Any:
        try:
            chosen = self.to_python(data)
        except ValidationError:
            return data
        return chosen.pk if chosen else None
