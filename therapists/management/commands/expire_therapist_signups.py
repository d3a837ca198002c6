from django.core.management.base import BaseCommand

from therapists.accounts import LINK_VALID_DAYS, delete_expired_signups


class Command(BaseCommand):
    help = (
        f"Delete therapist sign-ups whose email was not verified within {LINK_VALID_DAYS} days "
        "(inactive accounts that never logged in). Run daily from cron."
    )

    def handle(self, *args, **options):
        count = delete_expired_signups()
        self.stdout.write(f"Deleted {count} unverified sign-up{'s' if count != 1 else ''}.")
