from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Plugin: home page, standard pages, navigation, site settings, contact people."""

    name = "home"
    verbose_name = _("Home and pages")

    platform_plugin = True
    # The site frame (base template, navigation, footer) and the shared snippets and
    # limits every other plugin uses: no installation goes without it.
    essential = True
    # django-axes asks these how to name an account, read the client address behind
    # the proxies and answer a lockout (one lockout for every sign-in: home/limits.py).
    # JSON request bodies must be objects (and sane ones) on every API endpoint.
    api_parsers = ["home.api.JSONObjectParser"]
    # Absolute URLs name the site that is served (home/site_urls.py); the middleware
    # keeps the request being answered for the mails and calendars written inside it,
    # and config's API fields and sitemap rebase Wagtail's URLs with the function.
    # The served Site comes from the cache (home/content_cache.py), like the locales.
    # config's pages API takes an anonymous client's pages from the cached view
    # restrictions (home/cached_restrictions.py).
    # Anonymous visitors' pages come from the page cache (home/page_cache.py).
    middleware = ["home.page_cache.PageCacheMiddleware",
                  "home.content_cache.CachedSiteMiddleware",
                  "home.site_urls.ServedRequestMiddleware"]
    settings = {
        "AXES_USERNAME_CALLABLE": "home.limits.account_name",
        "AXES_CLIENT_IP_CALLABLE": "home.limits.client_address",
        "AXES_LOCKOUT_CALLABLE": "home.limits.lockout_response",
        "SERVED_URL_FUNCTION": "home.site_urls.served_url",
        "PUBLIC_PAGES_FUNCTION": "home.cached_restrictions.anonymous_public_pages",
    }
    demo_loader = "home.demo.load_demo_content"
    search_sources = ["home.search_sources.StandardPageSource"]

    def ready(self) -> None:
        """Registers the ``<id:…>`` URL converter (database ids) that API routes use; the
        API module is imported here because it needs the app registry, and the routes
        are read only after every app is ready."""
        from home import (
            api,  # noqa: F401  (registers the converter)
            cached_restrictions,
            content_cache,
        )

        # Any saved or deleted row a page may show retires the cached frame and pages.
        for name, signal in (("save", post_save), ("delete", post_delete),
                             ("m2m", m2m_changed)):
            signal.connect(content_cache.model_changed, dispatch_uid=f"content-{name}")
        content_cache.install_locale_cache()
        cached_restrictions.install()
