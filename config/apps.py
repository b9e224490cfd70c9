from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlatformCoreConfig(AppConfig):
    """The project itself as an app: home of the plugin-wide `load_demo` command,
    the project-wide translations and the health views."""

    name = "config"
    label = "platform_core"
    verbose_name = _("Platform core")
