from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AcademyConfig(AppConfig):
    """Plugin: the Smart City Akademie, the office's qualification programme. Courses of
    modules whose sessions are event series in the calendar (registration, waiting list
    and attendance are the events plugin's), learning material, prerequisites, the
    learner's progress, certificates with a public verification, and the office's
    cohorts and exports in the admin.

    It builds on the events plugin (and so on the repository and the community): a
    module's sessions are a series' sessions, and the certificate follows the attendance
    the office records there."""

    name = "academy"
    verbose_name = _("Smart City Akademie")

    platform_plugin = True
    requires = ("community", "repository", "events")
    url_module = "academy.urls"
    api_endpoints = {
        "courses": "academy.api.CoursesAPIViewSet",
        "certificates": "academy.api.CertificatesAPIViewSet",
    }
    demo_loader = "academy.demo.load_demo_content"

    def ready(self) -> None:
        """Registers the page views and connects the certificates to the attendance;
        imported here because both need the models, which Django loads only after every
        app's config."""
        from academy import (
            page_views,  # noqa: F401  (registers the page views)
            signal_handlers,
        )
        signal_handlers.connect()
