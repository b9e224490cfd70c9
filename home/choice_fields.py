"""Many-to-many choices in the page's language.

Topics and contact people are many-to-many fields, for which Wagtail has no chooser
widget (MultipleChooserPanel needs an inline model). On a page form they become a
checkbox list with a search box (`LocalizedCheckboxes`) that lists the page's language
and, for what is not yet translated, the default language's item, marked as such
(`LocalizedChoicesPageForm`). The chooser modals for single items do the same
(home/choosers.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Exists, Model, OuterRef, Q, QuerySet
from django.utils.translation import gettext
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.models import Locale, TranslatableMixin


def in_language(queryset: QuerySet, locale: Locale) -> QuerySet:
    """The items of ``locale``, plus the default language's items that have no
    translation into it yet."""
    default = Locale.get_default()
    if locale.pk == default.pk:
        return queryset.filter(locale=locale)
    translated = queryset.model._default_manager.filter(
        locale=locale, translation_key=OuterRef("translation_key"),
    )
    return queryset.filter(Q(locale=locale) | Q(locale=default) & ~Exists(translated))


def fallback_note(item: TranslatableMixin, locale: Locale) -> str:
    """How a chooser marks an item shown in the default language for want of a
    translation; empty for an item in the page's language."""
    if item.locale_id == locale.pk:
        return ""
    return gettext("%(language)s, not yet translated") % {
        "language": item.locale.get_display_name(),
    }


def translated_equivalents(items: Iterable[Model], locale: Locale) -> list[Model]:
    """Each chosen item in ``locale`` where a translation exists. A translation made by
    wagtail-localize copies the German page's choices; shown on the English page they
    become the English items, so that saving stores what the editor saw."""
    chosen = list(items)
    keys = [item.translation_key for item in chosen if item.locale_id != locale.pk]
    if not keys:
        return chosen
    model = type(chosen[0])
    twins = {twin.translation_key: twin for twin in
             model._default_manager.filter(translation_key__in=keys, locale=locale)}
    return [twins.get(item.translation_key, item) if item.locale_id != locale.pk else item
            for item in chosen]


class LocalizedCheckboxes(forms.CheckboxSelectMultiple):
    """A checkbox list with a search box above it: many-to-many choices without the
    Ctrl-click of a multiple select. Works without script; the script only filters."""

    template_name = "home/widgets/localized_checkboxes.html"

    class Media:
        js = ["home/js/choice-filter.js"]


class LocalizedChoicesPageForm(WagtailAdminPageForm):
    """Page form whose many-to-many choices of translatable items (topics, contact
    people) list the page's language, with the default language's untranslated items
    marked."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        locale = self.instance.locale if self.instance.locale_id else None
        if locale is None:
            return
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelMultipleChoiceField):
                continue
            model = field.queryset.model
            if not issubclass(model, TranslatableMixin):
                continue
            field.queryset = in_language(field.queryset, locale).select_related("locale")
            field.widget = LocalizedCheckboxes()
            field.widget.choices = field.choices
            field.label_from_instance = _labeller(locale)
            if not self.is_bound and self.initial.get(name):
                self.initial[name] = [item.pk for item in translated_equivalents(
                    model._default_manager.filter(pk__in=_pks(self.initial[name])), locale)]


def _labeller(locale: Locale):
    def label(item: TranslatableMixin) -> str:
        note = fallback_note(item, locale)
        return f"{item} ({note})" if note else str(item)
    return label


def _pks(values: Iterable[Any]) -> list[Any]:
    return [getattr(value, "pk", value) for value in values]
