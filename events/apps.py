from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    """Plugin: the Start Smart programme. Events and series with registrations and
    waiting lists, expressions of interest, the FAQ page and the newsletter.

    It builds on the community plugin (members, municipalities), the repository
    (topics, model projects as hosts, outcomes linked into the knowledge repository)
    and the home plugin (contact people).

    The event pages, calendar listing, iCalendar feed and search sources sit at the top
    of the package; each part of the programme is a sub-package with its own models,
    service, forms, views, URLs and admin: ``registrations/`` (places, waiting list,
    e-mails, reminders), ``interest/`` (expressions of interest), ``newsletter/``,
    ``faq/`` (the FAQ page and its blocks) and ``selfassessment/`` (the questionnaire that
    places a municipality on the maturity path, with its next steps)."""

    name = "events"
    verbose_name = _("Start Smart")

    platform_plugin = True
    requires = ("community", "repository")
    url_module = "events.urls"
    api_endpoints = {
        "interest": "events.interest.api.InterestAPIViewSet",
        "events": "events.api.EventsAPIViewSet",
        "event-series": "events.api.EventSeriesAPIViewSet",
        "self-assessment": "events.selfassessment.api.SelfAssessmentAPIViewSet",
    }
    search_sources = [
        "events.search_sources.EventSource",
        "events.search_sources.EventSeriesSource",
    ]

    demo_loader = "events.demo.load_demo_content"

    def ready(self) -> None:
        """Connects the signal handlers and registers the page views. The imports are
        made here because these modules import the models, which Django loads only after
        every app's config (the usual place for them in Django)."""
        from events import (
            page_views,  # noqa: F401  (registers the page views)
            signal_handlers,
        )
        from home.content_cache import ignore_model

        signal_handlers.connect()
        # A member's self-assessment shows on no public page: keeping one retires nothing.
        ignore_model("events.selfassessment")
