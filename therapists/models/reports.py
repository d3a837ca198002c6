"""Visitors' reports of outdated or wrong details on a profile, for directory staff to check."""

from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel

# This many open reports on one profile flag it to staff (reports.py emails them once).
REPORTS_TO_FLAG = 3


class ListingReport(models.Model):
    class Reason(models.TextChoices):
        PHONE = "phone", "The phone number does not work"
        NOT_ACCEPTING = "not-accepting", "They are not accepting new clients"
        MOVED = "moved", "They have moved or closed this office"
        LICENSE = "license", "A problem with their license"
        OTHER = "other", "Something else"

    class Status(models.TextChoices):
        OPEN = "open", "Open"
        CORRECTED = "corrected", "Checked: the profile was corrected"
        DISMISSED = "dismissed", "Checked: nothing to change"

    profile = models.ForeignKey(
        "therapists.TherapistProfilePage", on_delete=models.CASCADE, related_name="reports"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    details = models.TextField(max_length=1000, blank=True)
    # Only for staff to ask the reporter back; never passed on to the therapist.
    reporter_email = models.EmailField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    staff_note = models.TextField(blank=True, help_text="For staff only.")
    checked_at = models.DateTimeField(null=True, blank=True)

    # Staff change the outcome; what the visitor wrote stays as it was.
    panels = [FieldPanel("status"), FieldPanel("staff_note")]

    def save(self, *args, **kwargs):
        if self.status != self.Status.OPEN and self.checked_at is None:
            self.checked_at = timezone.now()
        super().save(*args, **kwargs)

    def __str__(self):
        return f"{self.get_reason_display()}: {self.profile.title}"

    class Meta:
        ordering = ["-created_at"]
        verbose_name = "listing report"
        indexes = [models.Index(fields=["profile", "status"], name="therapists_report_open")]
