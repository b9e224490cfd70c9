"""Server-rendered, filterable, paginated listings for the repository's index pages.

The whole state lives in the URL (`?topic=…&maturity=…&sort=…&page=…`), so a filtered
list can be shared and works without JavaScript. A value outside the allowed ones
answers 400 with the allowed values; an empty result says so and offers a reset.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from home.content_cache import remember
from repository.facets import (
    Facet,
    InvalidFilter,
    facet_counts,
    facet_options,
    facet_states,
    filter_queryset,
    selected_values,
)

SORTS = {
    "title": ("title",),
    "newest": ("-first_published_at", "title"),
}


class FacetedListingMixin:
    """For an index page that defines `facets` and `listing_queryset() -> QuerySet`."""

    facets: Sequence[Facet] = ()
    per_page = 12
    # An index may order by its own fields (news by their date): key → ordering.
    sort_orders: dict[str, tuple[str, ...]] = SORTS
    default_sort = "title"
    sort_labels = {"title": _("Title"), "newest": _("Newest first")}

    def listing_context(self, request: HttpRequest) -> dict[str, Any]:
        options = facet_options(self.facets, self.locale_id)
        errors: dict[str, list[str]] = {}
        try:
            chosen = selected_values(self.facets, request.GET, options)
        except InvalidFilter as invalid:
            errors = invalid.problems
            chosen = {facet.param: [] for facet in self.facets}
        sort = request.GET.get("sort") or self.default_sort
        if sort not in self.sort_orders:
            errors["sort"] = list(self.sort_orders)
            sort = self.default_sort

        base = self.listing_queryset()
        results = filter_queryset(self.facets, base, chosen).order_by(*self.sort_orders[sort])
        # The ordered ids and the facet counts of a choice of filters, read once per
        # change of content (home.content_cache): at 10,000 solutions counting the facets
        # and sorting every match to show twelve cost most of a listing request. The
        # listing is the same for every visitor (live and public only), so the key is
        # the index, its language and the choice.
        choice = (self._meta.label_lower, self.pk, self.locale_id, sort,
                  tuple((param, tuple(sorted(values))) for param, values in chosen.items()))
        ids = remember(("listing-ids", *choice),
                       lambda: list(results.values_list("pk", flat=True)))
        page = Paginator(ids, self.per_page).get_page(request.GET.get("page"))
        # The shown page's items, with what the listing selects for them, in their order.
        shown = base.in_bulk(page.object_list)
        items = [shown[pk] for pk in page.object_list if pk in shown]
        counts = remember(("listing-facets", *choice),
                          lambda: facet_counts(self.facets, base, chosen))
        others = request.GET.copy()
        others.pop("page", None)
        labels = {facet.param: facet.label for facet in self.facets}
        return {
            # What the filters narrow (a map may show it all beside the filtered results).
            "unfiltered": base,
            "results": results,
            "items": items,
            "page_obj": page,
            "facets": facet_states(self.facets, base, chosen, options, counts),
            "active_filters": any(chosen.values()),
            "sort": sort,
            "sorts": [(key, label) for key, label in self.sort_labels.items()],
            "query_without_page": others.urlencode(),
            "filter_errors": [
                {"param": param, "label": labels.get(param, _("Sort order")),
                 "allowed": ", ".join(allowed)}
                for param, allowed in errors.items()
            ],
        }

    def get_context(self, request, *args, **kwargs) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context.update(self.listing_context(request))
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if getattr(response, "context_data", None) and response.context_data.get(
            "filter_errors"
        ):
            response.status_code = 400
        return response
