from django.conf import settings
from django.db import models

from ..states import STATES


class TherapistAccount(models.Model):
    """A therapist's sign-up and what the site keeps about their account.

    Created inactive by /join/ with what the form asked; verifying the email address activates
    the user and creates their one profile (`profile`), their own image and document collection
    (`collection`) and the group that lets them upload into it (`uploads_group`).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="therapist_account"
    )
    name = models.CharField(max_length=120)
    profession = models.ForeignKey(
        "therapists.Profession", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    license_type = models.CharField(max_length=80)
    license_number = models.CharField(max_length=40)
    license_state = models.CharField(max_length=2, choices=STATES)
    zip_code = models.CharField("primary practice ZIP code", max_length=10)
    terms_accepted_at = models.DateTimeField()
    created_at = models.DateTimeField(auto_now_add=True)
    verified_at = models.DateTimeField(null=True, blank=True)
    removed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the therapist removed their listing."
    )
    profile = models.OneToOneField(
        "therapists.TherapistProfilePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="therapist_account",
    )
    collection = models.ForeignKey(
        "wagtailcore.Collection", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploads_group = models.OneToOneField(
        "auth.Group", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    @property
    def is_verified(self):
        return self.verified_at is not None

    def __str__(self):
        return f"{self.name} <{self.user.email}>"

    class Meta:
        verbose_name = "therapist account"
