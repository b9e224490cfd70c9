"""SQL queries of one page request, counted the way the query pins need them."""

from __future__ import annotations

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


def warm_query_count(client: Client, url: str) -> int:
    """The queries of a GET of ``url`` once the caches are warm (asserting a 200).

    Warmed twice: the first page of a new site creates its settings, which retires the
    frame it has just cached (home/content_cache.py); a real site does this once."""
    client.get(url)
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)
