import logging

from search.client import get_client, search_engine_configured

logger = logging.getLogger(__name__)


def search_engine_state() -> tuple[bool, str]:
    """Readiness of the search engine: not needed without ELASTICSEARCH_URL (database search)."""
    if not search_engine_configured():
        return True, "database"
    try:
        with get_client() as client:
            reachable = client.ping()
    except Exception:
        logger.exception("Readiness: the search engine failed to answer")
        reachable = False
    return (True, "ok") if reachable else (False, "unreachable")
