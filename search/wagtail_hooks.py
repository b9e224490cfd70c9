"""Admin wiring of the search plugin: the index health view, and "similar solutions"
on solution pages (through the repository's related-content hook)."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from home.content_cache import remember
from search import dashboard as search_dashboard
from search import service
from search.admin_views import index_health, may_see_index_health, reconcile_now
from search.sources import page_key, source_for_model

SIMILAR_LIMIT = 4


@hooks.register("related_content")
def similar_solutions(request: Any, page: Any) -> str:
    source = source_for_model(type(page))
    if source is None or source.name != "solution":
        return ""
    user = getattr(request, "user", None)
    principals = service.principals_for(user)
    language = page.locale.language_code
    try:
        # The same for everyone who counts as the same principals, and changed only with
        # the index (whose rows bump the content generation): three queries otherwise.
        hits = remember(("similar-solutions", page.pk, principals, language),
                        lambda: service.similar(page_key(page.pk), principals=principals,
                                                sources=("solution",), language=language,
                                                limit=SIMILAR_LIMIT))
    except service.SearchUnavailable:
        return ""
    if not hits:
        return ""
    return render_to_string("search/includes/similar.html",
                            {"hits": hits, "heading": _("Similar solutions")})


@hooks.register("register_admin_urls")
def register_index_health_url() -> list:
    return [path("search-index/", index_health, name="search_index_health"),
            path("search-index/reconcile/", reconcile_now, name="search_index_reconcile")]


class IndexHealthMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return may_see_index_health(request.user)


@hooks.register("register_reports_menu_item")
def register_index_health_menu_item() -> MenuItem:
    return IndexHealthMenuItem(gettext_lazy("Search index"), reverse("search_index_health"),
                               icon_name="search", order=900)


hooks.register("construct_homepage_panels", search_dashboard.add_panels)
