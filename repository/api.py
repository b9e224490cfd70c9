"""Read-only API endpoints of the knowledge repository."""

from __future__ import annotations

from django.conf import settings
from django.db.models import QuerySet
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.views import BaseAPIViewSet

from repository.models import Topic


class TopicsAPIViewSet(BaseAPIViewSet):
    """Topics in one language (`?locale=de`, the default, or `?locale=en`)."""

    model = Topic
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    body_fields = [*BaseAPIViewSet.body_fields, "name", "slug", "description", "colour"]
    listing_default_fields = [*BaseAPIViewSet.listing_default_fields, "name", "slug", "colour"]
    known_query_parameters = BaseAPIViewSet.known_query_parameters.union(["locale"])

    def get_queryset(self) -> QuerySet[Topic]:
        language = self.request.GET.get("locale", settings.LANGUAGE_CODE)
        return Topic.objects.filter(locale__language_code=language).order_by(
            "sort_order", "name"
        )
