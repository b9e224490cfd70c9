"""Readiness of the search engine, as /readyz asks it (declared on SearchConfig).

While the database answers searches in the engine's place (SEARCH_FALLBACK=database),
a missing engine leaves the web process ready, marked "fallback": taking every web
process out of the load balancer because the engine is away would turn a slower search
into an outage. With SEARCH_FALLBACK=unavailable the process is not ready without it.
"""

import logging

from django.conf import settings

from search.breaker import OPEN, engine_breaker
from search.client import get_client, search_engine_answers_queries, search_engine_configured

logger = logging.getLogger(__name__)


def search_engine_state() -> tuple[bool, str]:
    """Not needed without ELASTICSEARCH_URL (database search). While the breaker is open
    the engine is not asked again; otherwise one ping with READINESS_TIMEOUT."""
    if not search_engine_configured():
        return True, "database"
    reachable = False
    if engine_breaker.snapshot().state != OPEN:
        try:
            with get_client(timeout=settings.READINESS_TIMEOUT) as client:
                reachable = client.options(max_retries=0).ping()
        except Exception:
            logger.exception("Readiness: the search engine failed to answer")
    if reachable:
        return True, "ok"
    if settings.SEARCH_FALLBACK == "database" or not search_engine_answers_queries():
        return True, "fallback"
    return False, "unreachable"
