from django.core.management.base import BaseCommand

from therapists.listing_checks import remind_unconfirmed_availability, report_listings_to_staff
from therapists.replies import remind_unanswered_messages

TASKS = [remind_unconfirmed_availability, report_listings_to_staff, remind_unanswered_messages]


class Command(BaseCommand):
    help = (
        "Queue the directory's daily checks for the task worker: availability reminders to "
        "therapists, unconfirmed listings and expired licenses to staff, reminders of messages "
        "unanswered for 3 working days. Run daily from cron."
    )

    def handle(self, *args, **options):
        for queued in TASKS:
            result = queued.enqueue()
            self.stdout.write(f"Queued {queued.name} ({result.id}).")
