from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from config.plugins import demo_loaders


class Command(BaseCommand):
    help = (
        "Create the demo content of every enabled plugin, in German and English. "
        "Idempotent: what exists already is left as it is."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "plugins", nargs="*", metavar="PLUGIN",
            help="Only these plugins' demo content (by app label); default: every plugin.",
        )

    def handle(self, *args, plugins: list[str], **options):
        loaders = demo_loaders()
        known = [label for label, _load in loaders]
        unknown = [label for label in plugins if label not in known]
        if unknown:
            raise CommandError(
                f"No demo content for {', '.join(unknown)}; plugins with demo content: "
                f"{', '.join(known)}."
            )
        if plugins:
            loaders = [(label, load) for label, load in loaders if label in plugins]
        for label, load in loaders:
            self.stdout.write(self.style.MIGRATE_HEADING(f"Demo content: {label}"))
            with transaction.atomic():
                load(log=lambda line: self.stdout.write(f"  {line}"))
        names = ", ".join(label for label, _load in loaders)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready: {names}."))
