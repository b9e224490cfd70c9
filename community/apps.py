from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    """Plugin: municipalities, members, peer groups and discussions."""

    name = "community"
    verbose_name = _("Community")

    platform_plugin = True
    api_endpoints = {"municipalities": "community.api.MunicipalitiesAPIViewSet"}
    demo_loader = "community.demo.load_demo_content"
