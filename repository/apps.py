from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RepositoryConfig(AppConfig):
    """Plugin: the knowledge repository (model projects, solutions, publications)."""

    name = "repository"
    verbose_name = _("Knowledge repository")

    platform_plugin = True
    # A model project belongs to a municipality.
    requires = ("community",)
    url_module = "repository.urls"
    api_endpoints = {
        "topics": "repository.api.TopicsAPIViewSet",
        "solutions": "repository.api.SolutionsAPIViewSet",
        "model-projects": "repository.api.ModelProjectsAPIViewSet",
        "publications": "repository.api.PublicationsAPIViewSet",
        "reporting-rounds": "repository.reporting.api.ReportingRoundsAPIViewSet",
        "reports": "repository.reporting.api.ReportsAPIViewSet",
        "indicators": "repository.reporting.api.IndicatorsAPIViewSet",
        "evaluation": "repository.reporting.api.EvaluationAPIViewSet",
        "adoption-reports": "repository.adoption_reports.api.AdoptionReportsAPIViewSet",
        "experts": "repository.experts.api.ExpertsAPIViewSet",
        "questions": "repository.questions.api.QuestionsAPIViewSet",
    }
    demo_loader = "repository.demo.load_demo_content"
    search_sources = [
        "repository.search_sources.ModelProjectSource",
        "repository.search_sources.SolutionSource",
        "repository.search_sources.PublicationSource",
        "repository.search_sources.FaqSource",
    ]

    def ready(self) -> None:
        """Connects the signal handlers and registers the page views; imported here
        because they need the models, which Django loads only after every app's config."""
        from repository import (
            page_views,  # noqa: F401  (registers the page views)
            signal_handlers,
        )

        signal_handlers.connect()
