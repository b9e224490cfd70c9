from django.core.management.base import BaseCommand

from repository.freshness_prompts import send_confirmation_prompts


class Command(BaseCommand):
    help = ("Prompt model-project teams to confirm solutions not confirmed for six months: "
            "once per lapse, in each member's language. Run it daily from cron; running it "
            "twice prompts nobody twice.")

    def handle(self, *args, **options) -> None:
        self.stdout.write(f"{send_confirmation_prompts()} solutions' teams prompted.")
