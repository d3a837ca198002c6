"""Queue the weekly "articles due for review" reminders: each live article due within a month
or overdue goes to the editor who last published it (else to every editor). Run weekly from
cron (docs/operations.md, "Cron jobs"); the task worker sends the emails."""

from django.core.management.base import BaseCommand

from articles.review_dates import due_for_review, send_review_reminders


class Command(BaseCommand):
    help = "Queue the weekly reminders of articles due for review to their editors."

    def handle(self, *args, **options):
        count = due_for_review().count()
        send_review_reminders.enqueue()
        self.stdout.write(
            f"Queued the review reminders ({count} article{'s' if count != 1 else ''} due)."
        )
