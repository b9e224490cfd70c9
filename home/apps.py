from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    """Plugin: home page, standard pages, navigation, site settings, contact people."""

    name = "home"
    verbose_name = _("Home and pages")

    platform_plugin = True
    demo_loader = "home.demo.load_demo_content"
    search_sources = ["home.search_sources.StandardPageSource"]
