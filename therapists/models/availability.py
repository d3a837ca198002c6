"""Whether a therapist takes new clients: a fact they confirm now and then, not page content.

It sits beside the profile page rather than in it, so answering never creates or edits a revision,
goes live without review, and publishing an older draft cannot bring back an older answer. Every
profile has one row: created with the page (signals.py), filled by migration 0007 for profiles
that existed before.

The profile editor still shows the two fields (`ProfilePageForm`, the page's `base_form_class`,
beside the model it edits as in Wagtail's own examples): the form holds the answer on the page as
`pending_availability`, a preview shows it, and once Wagtail has saved the page (created,
drafted, submitted or published) the `after_create_page` / `after_edit_page` hooks in
wagtail_hooks.py store it, live at once.
"""

from datetime import timedelta

from django import forms
from django.db import models
from django.utils import timezone
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.widgets import AdminDateInput

from .practice import guard_license_verification


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
    # The listing's bookkeeping, beside the page for the same reason as the answer itself: the
    # daily checks (listing_checks.py) write it without touching revisions.
    reminder_nonce = models.CharField(
        max_length=32,
        blank=True,
        editable=False,
        help_text="The one-click link of the latest reminder works while this matches it.",
    )
    reminder_sent_on = models.DateField(null=True, blank=True, editable=False)
    hidden_reported_on = models.DateField(null=True, blank=True, editable=False)
    license_recheck_asked_on = models.DateField(null=True, blank=True, editable=False)
    usual_reply_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        editable=False,
        help_text="“Usually replies within N days”, from the therapist's handled messages "
        "(replies.py); empty until there are enough of them.",
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


# After `accepting_clients_valid_days` the therapist is asked to confirm (listing_checks.py);
# GRACE_DAYS later an unanswered "accepting" stops counting, and HIDE_AFTER_DAYS after the valid
# period an unconfirmed profile leaves the default results (a ghost listing).
GRACE_DAYS = 14
HIDE_AFTER_DAYS = 90


def reminder_cutoff(site_settings):
    """Confirmed before this date: time to ask the therapist again."""
    return timezone.localdate() - timedelta(days=site_settings.accepting_clients_valid_days)


def accepting_cutoff(site_settings):
    """The oldest confirmation date that still counts as accepting new clients."""
    return reminder_cutoff(site_settings) - timedelta(days=GRACE_DAYS)


def hidden_cutoff(site_settings):
    """Confirmed (either answer) before this date: out of the default results."""
    return reminder_cutoff(site_settings) - timedelta(days=HIDE_AFTER_DAYS)


class ProfilePageForm(WagtailAdminPageForm):
    """The profile editor's form: the page's fields, and its availability (not saved with them)."""

    accepting_new_clients = forms.BooleanField(
        label="Accepting new clients", required=False, initial=True
    )
    accepting_confirmed_on = forms.DateField(
        label=ProfileAvailability._meta.get_field("confirmed_on").verbose_name.capitalize(),
        help_text=ProfileAvailability._meta.get_field("confirmed_on").help_text,
        widget=AdminDateInput,
        initial=timezone.localdate,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        guard_license_verification(self)
        if self.instance.pk:
            availability = self.instance.get_availability()
            self.initial.setdefault("accepting_new_clients", availability.accepting_new_clients)
            self.initial.setdefault("accepting_confirmed_on", availability.confirmed_on)

    def save(self, commit=True):
        page = super().save(commit=commit)
        page.pending_availability = ProfileAvailability(
            profile_id=page.pk,
            accepting_new_clients=self.cleaned_data["accepting_new_clients"],
            confirmed_on=self.cleaned_data["accepting_confirmed_on"],
        )
        return page


def save_pending_availability(page):
    """Store what the editor answered, once the page it belongs to is saved (it has an id)."""
    pending = getattr(page, "pending_availability", None)
    if pending is None or page.pk is None:
        return
    # Only the answer: the row's bookkeeping (reminder, reply time) stays as it is.
    stored, _created = ProfileAvailability.objects.update_or_create(
        profile_id=page.pk,
        defaults={
            "accepting_new_clients": pending.accepting_new_clients,
            "confirmed_on": pending.confirmed_on,
        },
    )
    del page.pending_availability
    page.availability = stored  # what get_availability() reads from now on
