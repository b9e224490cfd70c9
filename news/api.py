"""The news endpoint: articles and press releases, filtered like the news index
(``?kind=``, ``?topic=``, ``?tag=``, ``?year=``)."""

from __future__ import annotations

from django.db.models import QuerySet
from wagtail.api.v2.views import PagesAPIViewSet

from news.models import NEWS_FACETS, NewsArticlePage
from repository.api import RepositoryPagesAPIViewSet, known_parameters


class NewsAPIViewSet(RepositoryPagesAPIViewSet):
    model = NewsArticlePage
    facets = NEWS_FACETS
    related = (*RepositoryPagesAPIViewSet.related, "document")
    known_query_parameters = known_parameters(NEWS_FACETS)
    listing_default_fields = [*PagesAPIViewSet.listing_default_fields, "date", "kind",
                              "summary", "topics"]

    def get_queryset(self) -> QuerySet:
        queryset = super().get_queryset()
        fields = self.request.GET.get("fields", "")
        if self.action == "listing_view" and ("press_contacts" in fields or "*" in fields):
            # Like the tags: a detail field, fetched once for a listing that asks for it.
            queryset = queryset.prefetch_related("contacts")
        return queryset
