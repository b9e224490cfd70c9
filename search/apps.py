from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Plugin: the knowledge index, its sync and the search service."""

    name = "search"
    verbose_name = _("Search")

    platform_plugin = True
    # It reads the other plugins' search_sources declarations and imports none of them.
    requires = ()
    url_module = "search.urls"
    api_endpoints = {"search": "search.api.SearchAPIViewSet"}
    readiness_checks = {"search": "search.health.search_engine_state"}
    demo_loader = "search.demo.load_demo_content"
    restore_steps = ["search.reconcile.reindex_after_restore"]

    def ready(self) -> None:
        """Connects the index sync to the content signals; imported here because the
        handlers import models, which Django loads only after every app's config."""
        from search import signal_handlers

        signal_handlers.connect()
