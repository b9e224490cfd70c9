"""Django form fields rendered as KERN form components (`templates/components/field.html`):
the widget gets KERN's class for its kind, its error state and the ids of its hint and
error message, so that a screen reader reads them with the field."""

from __future__ import annotations

from typing import Any

from django import forms, template
from django.utils.safestring import SafeString

register = template.Library()

CHOICE_LISTS = (forms.RadioSelect, forms.CheckboxSelectMultiple)


def field_kind(field: forms.BoundField) -> str:
    """checkbox, choices (radios or checkboxes in a fieldset), select, or input."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    if isinstance(widget, CHOICE_LISTS):
        return "choices"
    if isinstance(widget, forms.Select):
        return "select"
    return "input"


@register.filter
def kern_kind(field: forms.BoundField) -> str:
    return field_kind(field)


def described_by(field: forms.BoundField) -> str:
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}_hint")
    if field.errors:
        ids.append(f"{field.auto_id}_error")
    return " ".join(ids)


@register.filter
def kern_widget(field: forms.BoundField) -> SafeString:
    """The field's widget with KERN's classes and its hint and error ids."""
    kind = field_kind(field)
    css = {"checkbox": "kern-form-check__checkbox", "select": "kern-form-input__select",
           "input": "kern-form-input__input"}.get(kind, "")
    attrs: dict[str, Any] = {}
    if css:
        error_css = f"{css}--error" if field.errors else ""
        attrs["class"] = " ".join(filter(None, [
            field.field.widget.attrs.get("class", ""), css, error_css]))
    if described_by(field):
        attrs["aria-describedby"] = described_by(field)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def kern_choice(choice: Any, field: forms.BoundField) -> SafeString:
    """One radio or checkbox of a choice list with KERN's class."""
    # CheckboxSelectMultiple is a subclass of RadioSelect: ask for it first.
    checkboxes = isinstance(field.field.widget, forms.CheckboxSelectMultiple)
    kind = "checkbox" if checkboxes else "radio"
    css = f"kern-form-check__{kind}"
    return choice.tag() if not hasattr(choice, "data") else _choice_tag(choice, css, field)


def _choice_tag(choice: Any, css: str, field: forms.BoundField) -> SafeString:
    choice.data["attrs"] = {**choice.data.get("attrs", {}),
                            "class": css + (f" {css}--error" if field.errors else "")}
    return choice.tag()
