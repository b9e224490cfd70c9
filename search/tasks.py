"""Background tasks of the search plugin (django-tasks: in-process by default, the
database queue with `manage.py db_worker` in production)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django_tasks import default_task_backend, task

from search.sync import sync_search_index_now, sync_wanted


@task()
def sync_search_index() -> dict[str, int | str]:
    """Rebuild stale documents and send the engine what it does not hold yet.
    Idempotent: running it twice, or on two workers, does no harm."""
    report = sync_search_index_now()
    return {"refreshed": report.refreshed, "removed": report.removed,
            "pushed": report.pushed, "failed": report.failed, "error": report.error}


def enqueue_sync(sender: Any, run_after: datetime | None = None, **kwargs: Any) -> None:
    """Answer `search.sync.sync_wanted`: run the task now, or defer it to `run_after`
    where the task backend can defer (in-process backends cannot: the next change,
    the next search_sync or the worker catches up instead)."""
    if run_after is None:
        sync_search_index.enqueue()
    elif default_task_backend.supports_defer:
        sync_search_index.using(run_after=run_after).enqueue()


def connect() -> None:
    sync_wanted.connect(enqueue_sync, dispatch_uid="search-enqueue-sync")
