"""The one place that builds an Elasticsearch client from the settings."""

from __future__ import annotations

from django.conf import settings
from elasticsearch import Elasticsearch


def search_engine_configured() -> bool:
    return bool(settings.ELASTICSEARCH_URL)


def search_engine_answers_queries() -> bool:
    """Whether searches go to Elasticsearch (else the database answers them)."""
    return search_engine_configured() and settings.SEARCH_BACKEND == "elasticsearch"


def search_engine_hosts() -> list[str]:
    """ELASTICSEARCH_URL may name several nodes of a cluster, separated by commas."""
    return [url.strip() for url in settings.ELASTICSEARCH_URL.split(",") if url.strip()]


def get_client(timeout: float | None = None) -> Elasticsearch:
    """A client with a bounded timeout per request: SEARCH_BULK_TIMEOUT unless told
    (index jobs, probes and reports pass their own, shorter one)."""
    return Elasticsearch(
        search_engine_hosts(),
        request_timeout=timeout or settings.SEARCH_BULK_TIMEOUT,
        max_retries=1,
        retry_on_timeout=False,
        **settings.ELASTICSEARCH_CLIENT_OPTIONS,
    )


_shared: dict[tuple, Elasticsearch] = {}


def shared_client() -> Elasticsearch:
    """One long-lived client per process and configuration for searches, so that they
    reuse the connection pool; each request waits at most SEARCH_QUERY_TIMEOUT."""
    key = (settings.ELASTICSEARCH_URL, settings.SEARCH_QUERY_TIMEOUT,
           tuple(sorted((name, repr(value))
                        for name, value in settings.ELASTICSEARCH_CLIENT_OPTIONS.items())))
    client = _shared.get(key)
    if client is None:
        client = _shared[key] = get_client(timeout=settings.SEARCH_QUERY_TIMEOUT)
    return client
