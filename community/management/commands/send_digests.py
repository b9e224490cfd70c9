from django.core.management.base import BaseCommand, CommandError

from community.models import EmailFrequency
from community.notifications import send_digests


class Command(BaseCommand):
    help = ("Send the daily or weekly notification digest to the members who chose it "
            "(from cron). Safe to run twice: a notification is e-mailed once.")

    def add_arguments(self, parser):
        parser.add_argument("period", choices=[EmailFrequency.DAILY, EmailFrequency.WEEKLY])

    def handle(self, *args, period: str, **options):
        if period not in (EmailFrequency.DAILY, EmailFrequency.WEEKLY):
            raise CommandError("period must be daily or weekly")
        self.stdout.write(f"{send_digests(period)} digests sent.")
