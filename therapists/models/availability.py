"""Whether a therapist takes new clients: a fact they confirm now and then, not page content.

It sits beside the profile page rather than in it, so answering never creates or edits a revision,
goes live without review, and publishing an older draft cannot bring back an older answer. Every
profile has one row: created with the page (signals.py), filled by migration 0007 for profiles
that existed before.
"""

from datetime import timedelta

from django.db import models
from django.utils import timezone


class ProfileAvailability(models.Model):
    profile = models.OneToOneField(
        "therapists.TherapistProfilePage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="availability",
    )
    accepting_new_clients = models.BooleanField(default=True)
    confirmed_on = models.DateField(
        "accepting new clients last confirmed",
        default=timezone.localdate,
        help_text="Update this date when you confirm you still have room; an old date shows "
        "as unconfirmed.",
    )

    def is_current(self, cutoff):
        """Accepting new clients, confirmed on or after `cutoff` (see accepting_cutoff)."""
        return self.accepting_new_clients and self.confirmed_on >= cutoff

    def __str__(self):
        answer = "accepting" if self.accepting_new_clients else "not accepting"
        return f"{answer} new clients (confirmed {self.confirmed_on:%Y-%m-%d})"

    class Meta:
        verbose_name = "availability"
        verbose_name_plural = "availability"


def accepting_cutoff(site_settings):
    """The oldest confirmation date that still counts as accepting new clients."""
    return timezone.localdate() - timedelta(days=site_settings.accepting_clients_valid_days)
