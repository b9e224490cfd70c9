from django.core.management.base import BaseCommand

from events.registrations.reminders import send_reminders


class Command(BaseCommand):
    help = ("Remind registered participants of events that start within the next 24 hours. "
            "Run it hourly or daily from cron; running it twice reminds nobody twice.")

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{send_reminders()} reminders sent.")
