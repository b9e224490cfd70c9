from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsConfig(AppConfig):
    """Plugin: the office's news and press releases. A news index per language with
    filters and RSS and Atom feeds, articles and press releases (with their PDF and the
    press contact), the latest news on the home page.

    It builds on the repository (topics, the listing's facets, related solutions and
    model projects), which builds on the community."""

    name = "news"
    verbose_name = _("News and press")

    platform_plugin = True
    requires = ("community", "repository")
    api_endpoints = {"news": "news.api.NewsAPIViewSet"}
    search_sources = ["news.search_sources.NewsArticleSource"]
    demo_loader = "news.demo.load_demo_content"

    def ready(self) -> None:
        """Registers the page views (the feeds); imported here because they need the
        models, which Django loads only after every app's config."""
        from news import page_views  # noqa: F401  (registers the page views)
