from django.core.management.base import BaseCommand

from search.sync import sync_search_index_now


class Command(BaseCommand):
    help = ("Rebuild stale search documents and send the engine everything it still owes, "
            "retrying now what failed before (for cron with the in-process task backend).")

    def handle(self, *args, **options):
        report = sync_search_index_now(force=True)
        self.stdout.write(f"{report.refreshed} documents rebuilt, {report.removed} removed, "
                          f"{report.pushed} sent to the engine, {report.failed} pending.")
        if report.error:
            self.stdout.write(f"Engine error: {report.error}")
