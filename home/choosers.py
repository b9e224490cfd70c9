"""Chooser modals in the page's language.

An editor working on an English page should pick English topics, contact people,
partners and model projects, not scroll past the German twin of each. Wagtail's chooser
modal already receives the page's language (its script sends ``locale`` from
``ACTIVE_CONTENT_LOCALE``), but its locale filter shows only that language, so an item
not yet translated could not be chosen at all. These choosers list the page's language
and, for what is not yet translated, the default language's item, marked as such.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.choosers import BaseFilterForm, SearchFilterMixin
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic import chooser as generic_chooser
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.models import Locale
from wagtail.snippets.views import chooser as snippet_chooser

from home.choice_fields import fallback_note, in_language


class ChooserSearchForm(SearchFilterMixin, BaseFilterForm):
    """The modal's search box. The view does the searching (`search_objects`): the
    search backend cannot filter on the "not yet translated" condition."""

    def filter(self, objects: QuerySet) -> QuerySet:
        return objects


class SearchingChooseMixin:
    """For a chooser's listing views: the view searches, by default a substring search
    over ``chooser_search_fields``; override `search_objects` for another."""

    filter_form_class = ChooserSearchForm
    chooser_search_fields: tuple[str, ...] = ("name",)

    def search_objects(self, objects: QuerySet, query: str) -> QuerySet:
        condition = Q()
        for field in self.chooser_search_fields:
            condition |= Q(**{f"{field}__icontains": query})
        return objects.filter(condition)

    def filter_object_list(self, objects: QuerySet) -> QuerySet:
        objects = super().filter_object_list(objects)
        query = (self.filter_form.cleaned_data.get("q") or "").strip() \
            if self.filter_form.is_valid() else ""
        if query:
            self.filter_form.is_searching = True
            self.filter_form.search_query = query
            objects = self.search_objects(objects, query)
        return objects


class LocalizedChooseMixin(SearchingChooseMixin):
    """The page's language with the marked fallback (`in_language`)."""

    preserve_url_parameters = ["multiple", "locale"]

    @cached_property
    def chooser_locale(self) -> Locale | None:
        code = self.request.GET.get("locale", "")
        return Locale.objects.filter(language_code=code).first() if code else None

    def get_object_list(self) -> QuerySet:
        objects = super().get_object_list()
        if self.chooser_locale is not None:
            objects = in_language(objects, self.chooser_locale).select_related("locale")
        return objects

    @property
    def columns(self) -> list[Column]:
        columns = [self.title_column]
        if self.chooser_locale is not None:
            locale = self.chooser_locale
            columns.append(Column(
                "language", label=_("Language"),
                accessor=lambda item: fallback_note(item, locale) or
                item.locale.get_display_name(),
            ))
        return columns


class LocalizedSnippetChooseView(LocalizedChooseMixin, snippet_chooser.ChooseView):
    pass


class LocalizedSnippetChooseResultsView(LocalizedChooseMixin,
                                        snippet_chooser.ChooseResultsView):
    pass


class LocalizedSnippetChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    """Set as ``chooser_viewset_class`` on a translatable snippet's SnippetViewSet."""

    choose_view_class = LocalizedSnippetChooseView
    choose_results_view_class = LocalizedSnippetChooseResultsView


class LocalizedChooseView(LocalizedChooseMixin, generic_chooser.ChooseView):
    pass


class LocalizedChooseResultsView(LocalizedChooseMixin, generic_chooser.ChooseResultsView):
    pass


class LocalizedChooserViewSet(ChooserViewSet):
    """A chooser for translatable models that are not snippets (pages of one type)."""

    choose_view_class = LocalizedChooseView
    choose_results_view_class = LocalizedChooseResultsView
