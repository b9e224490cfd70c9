from django.core.management.base import BaseCommand

from repository.reporting.reminders import send_report_reminders


class Command(BaseCommand):
    help = ("Remind model-project teams of reports not yet submitted: once in the week "
            "before the due date, once after it. Run it daily from cron; running it twice "
            "reminds nobody twice.")

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{send_report_reminders()} report reminders sent.")
