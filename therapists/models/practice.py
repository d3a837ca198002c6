"""Where and how a therapist practises, beyond their offices: the states they are licensed in
(each with its number and staff's verification), PSYPACT participation for psychologists'
telehealth, the accessibility of their sessions and a free first consultation.

The yes/no fields are an abstract model the profile page inherits, so they stay out of pages.py;
the accessibility of each office is on PracticeLocation (locations.py).
"""

from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable

from ..states import PSYPACT_STATES, STATE_NAMES, STATES

VERIFY_LICENSE_PERMISSION = "therapists.verify_license"
PSYCHOLOGIST_SLUG = "psychologist"

# (field, label) of what sessions offer, shown on the profile and filtered as `accessibility`.
SESSION_ACCESS = [
    ("sessions_asl", "Sessions in ASL"),
    ("sessions_captions", "Captioned online sessions"),
    ("sessions_sensory_friendly", "Sensory-friendly sessions"),
]
# The same for each office (PracticeLocation's fields).
OFFICE_ACCESS = [
    ("step_free_access", "Step-free access"),
    ("accessible_restroom", "Accessible restroom"),
    ("accessible_parking", "Accessible parking"),
]


class PracticeDetails(models.Model):
    """The profile's fields of this module (TherapistProfilePage inherits them)."""

    psypact = models.BooleanField(
        "participates in PSYPACT",
        default=False,
        help_text="Psychologists with PSYPACT's telepsychology authorisation may see clients "
        "online in every PSYPACT state; tick it only if you hold it.",
    )
    free_consultation = models.BooleanField(
        "free initial consultation",
        default=False,
        help_text="A first call or session at no charge, to see whether you are a good fit.",
    )
    sessions_asl = models.BooleanField("sessions in ASL (American Sign Language)", default=False)
    sessions_captions = models.BooleanField("captioned online sessions", default=False)
    sessions_sensory_friendly = models.BooleanField(
        "sensory-friendly sessions",
        default=False,
        help_text="e.g. dimmable light, quiet room, no strong scents, breaks when needed.",
    )

    practice_detail_panels = [
        MultiFieldPanel(
            [
                FieldPanel("free_consultation"),
                FieldPanel("sessions_asl"),
                FieldPanel("sessions_captions"),
                FieldPanel("sessions_sensory_friendly"),
            ],
            heading="Consultation and accessibility of sessions",
        ),
    ]
    license_detail_panels = [
        InlinePanel(
            "state_licenses",
            label="License in another state",
            help_text="Each further state you are licensed in, with its license number; our "
            "staff verify each one.",
        ),
        FieldPanel("psypact"),
    ]

    @property
    def psypact_states(self):
        """The PSYPACT states a participating psychologist may see clients in online."""
        if not self.psypact or getattr(self.profession, "slug", "") != PSYCHOLOGIST_SLUG:
            return []
        return sorted(STATE_NAMES[code] for code in PSYPACT_STATES)

    def licensed_in(self, state_licenses):
        """Every state license: the main one (License tab), then `state_licenses` (the profile's
        StateLicenses, fetched by the caller), as StateLicense objects."""
        licenses = []
        if self.license_state:
            main = StateLicense(
                state=self.license_state,
                number=self.license_number,
                # An expired license loses its badge until staff check it again.
                verified_on=self.license_verified_on if self.shows_verified else None,
            )
            licenses.append(main)
        seen = {self.license_state}
        for license in state_licenses:
            if license.state not in seen:
                seen.add(license.state)
                licenses.append(license)
        return licenses

    def practice_errors(self):
        """What clean() refuses among these fields, by field name."""
        if self.psypact and getattr(self.profession, "slug", "") != PSYCHOLOGIST_SLUG:
            return {
                "psypact": "PSYPACT is for psychologists: choose Psychologist as your "
                "profession, or untick it."
            }
        return {}

    def session_access(self):
        return [label for name, label in SESSION_ACCESS if getattr(self, name)]

    class Meta:
        abstract = True


class StateLicense(Orderable):
    """A license in a state besides the profile's main one (its License tab)."""

    profile = ParentalKey(
        "therapists.TherapistProfilePage", on_delete=models.CASCADE, related_name="state_licenses"
    )
    state = models.CharField(max_length=2, choices=STATES)
    number = models.CharField("license number", max_length=40)
    verified_on = models.DateField(
        "verified by staff on",
        null=True,
        blank=True,
        help_text="Staff only: the date the license was checked with the state's board.",
    )

    panels = [FieldRowPanel([FieldPanel("state"), FieldPanel("number"), FieldPanel("verified_on")])]

    @property
    def state_name(self):
        return STATE_NAMES.get(self.state, self.state)

    def __str__(self):
        return f"{self.state} {self.number}"

    class Meta(Orderable.Meta):
        verbose_name = "state license"


def guard_license_verification(form):
    """In the profile editor (ProfilePageForm): only staff may set a state license's
    verification, and a therapist who changes a license's state or number loses it.

    Wagtail's `permission` does not reach an InlinePanel's fields (wagtail#8684), so the
    license forms of everyone else are built without the field: it is neither shown nor read.
    """
    formset = form.formsets.get("state_licenses")
    user = getattr(form, "for_user", None)
    if formset is None or (user is not None and user.has_perm(VERIFY_LICENSE_PERMISSION)):
        return

    class TherapistLicenseForm(formset.form):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.fields.pop("verified_on", None)

        def clean(self):
            cleaned = super().clean()
            if self.instance.pk and {"state", "number"} & set(self.changed_data):
                self.instance.verified_on = None
            return cleaned

    formset.form = TherapistLicenseForm
