from django.core.management.base import BaseCommand
from django.db import transaction

from config.plugins import demo_loaders


class Command(BaseCommand):
    help = (
        "Create the demo content of every enabled plugin, in German and English. "
        "Idempotent: what exists already is left as it is."
    )

    def handle(self, *args, **options):
        loaders = demo_loaders()
        for label, load in loaders:
            self.stdout.write(self.style.MIGRATE_HEADING(f"Demo content: {label}"))
            with transaction.atomic():
                load(log=lambda line: self.stdout.write(f"  {line}"))
        names = ", ".join(label for label, _load in loaders)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {names}."))
