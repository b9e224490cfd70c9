"""Indexing in tests: the sync run at once, its writes visible to the next search."""

from search.client import get_client, search_engine_configured
from search.sync import sync_search_index_now


def index_now() -> None:
    """Run the sync as the task would, and make the engine's writes visible."""
    report = sync_search_index_now(force=True)
    assert not report.error, report.error
    if search_engine_configured():
        with get_client() as client:
            client.indices.refresh(index="_all")
