from django.core.management.base import BaseCommand

from search.reconcile import reconcile


class Command(BaseCommand):
    help = ("Compare the sources, the database's search documents and the engine's index "
            "(keys and content hashes), mend every difference and say what was fixed.")

    def add_arguments(self, parser):
        parser.add_argument("--database-only", action="store_true",
                            help="Mend the database's documents but leave the engine alone.")

    def handle(self, *args, database_only: bool, **options):
        report = reconcile(engine=not database_only)
        for line in report.lines():
            self.stdout.write(line)
