"""Background tasks of the search plugin (django-tasks: in-process by default, the
database queue with `manage.py db_worker` in production)."""

from __future__ import annotations

from django_tasks import task


@task()
def sync_search_index() -> dict[str, int | str]:
    """Rebuild stale documents and send the engine what it does not hold yet.
    Idempotent: running it twice, or on two workers, does no harm."""
    from search.sync import sync_search_index_now

    report = sync_search_index_now()
    return {"refreshed": report.refreshed, "removed": report.removed,
            "pushed": report.pushed, "failed": report.failed, "error": report.error}
