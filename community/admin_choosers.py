"""The admin's municipality chooser finds what people type the way the public picker
does (community/municipality_search.py): "hass" finds Haßfurt, which Wagtail's search
backend does not, as it does not fold ß and umlauts."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.snippets.views import chooser as snippet_chooser

from community.municipality_search import find_municipalities
from home.choosers import SearchingChooseMixin

# A chooser page shows more than the picker's dozen; beyond this, type more of the name.
CHOOSER_MATCH_LIMIT = 50


class FoldedSearch(SearchingChooseMixin):
    def search_objects(self, objects: QuerySet, query: str) -> QuerySet:
        return find_municipalities(query, limit=CHOOSER_MATCH_LIMIT)


class MunicipalityChooseView(FoldedSearch, snippet_chooser.ChooseView):
    pass


class MunicipalityChooseResultsView(FoldedSearch, snippet_chooser.ChooseResultsView):
    pass


class MunicipalityChooserViewSet(snippet_chooser.SnippetChooserViewSet):
    choose_view_class = MunicipalityChooseView
    choose_results_view_class = MunicipalityChooseResultsView
