"""A therapist's offices: the directory's place search runs on their coordinates."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.text import slugify
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.models import Orderable

from ..geo import lookup_zip
from ..states import STATE_NAMES, STATES
from .practice import OFFICE_ACCESS


class PracticeLocation(Orderable):
    """An office; its coordinates come from the ZIP code when it is saved (offline)."""

    profile = ParentalKey(
        "therapists.TherapistProfilePage", on_delete=models.CASCADE, related_name="locations"
    )
    street = models.CharField(max_length=120, blank=True, help_text="Leave empty to hide it.")
    city = models.CharField(max_length=80)
    city_slug = models.SlugField(max_length=80, editable=False)
    state = models.CharField(max_length=2, choices=STATES)
    zip_code = models.CharField("ZIP code", max_length=10)
    latitude = models.FloatField(null=True, editable=False)
    longitude = models.FloatField(null=True, editable=False)
    # The office's accessibility (practice.py's OFFICE_ACCESS; the `accessibility` filter).
    step_free_access = models.BooleanField(
        default=False, help_text="No steps between the street and the therapy room (or a lift)."
    )
    accessible_restroom = models.BooleanField(default=False)
    accessible_parking = models.BooleanField(default=False)

    panels = [
        FieldPanel("street"),
        FieldRowPanel([FieldPanel("city"), FieldPanel("state"), FieldPanel("zip_code")]),
        FieldRowPanel(
            [
                FieldPanel("step_free_access"),
                FieldPanel("accessible_restroom"),
                FieldPanel("accessible_parking"),
            ]
        ),
    ]

    def clean(self):
        super().clean()
        info = lookup_zip(self.zip_code)
        if info is None:
            raise ValidationError({"zip_code": "We do not know this ZIP code; check it."})
        if self.state and info.state != self.state:
            raise ValidationError(
                {"zip_code": f"{info.zip_code} is in {STATE_NAMES.get(info.state, info.state)}."}
            )

    def save(self, *args, **kwargs):
        self.city = " ".join(self.city.split())
        self.city_slug = slugify(self.city)[:80]
        info = lookup_zip(self.zip_code)
        if info is not None:
            self.zip_code = info.zip_code
            self.latitude = info.point.latitude
            self.longitude = info.point.longitude
        else:
            self.latitude = self.longitude = None
        super().save(*args, **kwargs)

    @property
    def access_features(self):
        return [label for name, label in OFFICE_ACCESS if getattr(self, name)]

    @property
    def state_name(self):
        return STATE_NAMES.get(self.state, self.state)

    def __str__(self):
        return f"{self.city}, {self.state} {self.zip_code}"

    class Meta(Orderable.Meta):
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="therapists_location_lat_lng"),
            models.Index(fields=["state", "city_slug"], name="therapists_location_city"),
        ]
