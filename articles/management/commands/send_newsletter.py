"""Send the weekly newsletter: the articles published since the last issue, to every confirmed
subscriber. Run it weekly from cron (docs/operations.md, "Sending the newsletter"). Safe to
re-run: an interrupted issue is resumed and nobody receives an issue twice."""

from django.core.mail import get_connection
from django.core.management.base import BaseCommand
from django.utils import timezone
from tqdm import tqdm

from articles import newsletter
from home.models import SiteSettings


class _Progress:
    """Lets tqdm draw on the command's stderr (OutputWrapper adds a newline to every write)."""

    def __init__(self, stream):
        self.stream = stream

    def write(self, text):
        self.stream.write(text, ending="")

    def flush(self):
        self.stream.flush()


class Command(BaseCommand):
    help = "Send the weekly digest of new articles to confirmed newsletter subscribers."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Say what would be sent, to how many subscribers; send and record nothing.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bar (e.g. under cron)."
        )

    def handle(self, *args, dry_run=False, no_progress=False, **options):
        issue, articles, is_new = newsletter.prepare_issue()
        if issue is None:
            since = newsletter.last_period_end()
            if since:
                when = f" since the last issue ({timezone.localtime(since):%Y-%m-%d %H:%M})"
            else:
                when = f" in the past {newsletter.FIRST_ISSUE_PERIOD.days} days"
            self.stdout.write(f"Nothing new to send: no articles published{when}.")
            return
        if not articles:
            self.stdout.write(
                self.style.WARNING(
                    f"Issue “{issue.subject}” has no live articles left; closing it unsent."
                )
            )
            if not dry_run:
                newsletter.finish_issue(issue)
            return

        self.stdout.write(f"{'New' if is_new else 'Resuming'} issue: {issue.subject}")
        for article in articles:
            self.stdout.write(f"  - {article.title}")
        if dry_run:
            # A new issue is not saved, so count every confirmed subscriber.
            pending = newsletter.recipients(issue) if issue.pk else newsletter.confirmed()
            self.stdout.write(f"Dry run: would send to {pending.count()} subscribers.")
            return
        if is_new:
            newsletter.create_issue(issue, articles)

        pending = newsletter.recipients(issue)
        total = pending.count()
        items = newsletter.digest_items(articles)
        name = SiteSettings.name_for()
        counts = {"sent": 0, "failed": 0, "skipped": 0}
        connection = get_connection()
        with connection:
            progress = tqdm(
                pending.iterator(chunk_size=500),
                total=total,
                unit="email",
                desc="Sending",
                file=_Progress(self.stderr),
                disable=no_progress or total == 0,
            )
            for subscriber in progress:
                status = newsletter.deliver(issue, items, subscriber, connection, name)
                counts[status or "skipped"] += 1
        newsletter.finish_issue(issue)

        summary = f"Sent to {counts['sent']} subscriber{'s' if counts['sent'] != 1 else ''}."
        if counts["failed"]:
            summary += (
                f" {counts['failed']} failed: the task worker tries them again, and the admin "
                "lists them with the error (Newsletter › Issues sent, Settings › Outgoing email)."
            )
        if counts["skipped"]:
            summary += f" {counts['skipped']} were already being sent by another run."
        self.stdout.write(self.style.SUCCESS(summary))
