from django.apps import AppConfig


class SamplePluginConfig(AppConfig):
    """A plugin that exists only in the tests: it proves that a new app plugs in through
    its AppConfig alone, with no change to config/."""

    name = "tests.plugins.sample"
    label = "sample_plugin"

    platform_plugin = True
    url_module = "tests.plugins.sample.urls"
    api_endpoints = {"sample-locales": "tests.plugins.sample.api.SampleLocalesAPIViewSet"}
    demo_loader = "tests.plugins.sample.demo.load_sample_demo"
    readiness_checks = {"sample": "tests.plugins.sample.health.sample_state"}
    search_sources = ["tests.plugins.sample.search.SAMPLE_SOURCE"]
