"""A therapist's profile: the directory's page for each therapist (the directory itself is
directory.py)."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    ObjectList,
    TabbedInterface,
)
from wagtail.fields import RichTextField
from wagtail.models import Page
from wagtail.search import index

from home.groups import THERAPISTS
from home.validators import phone_href, validate_phone_number

from ..states import STATES
from .availability import ProfileAvailability, ProfilePageForm
from .practice import VERIFY_LICENSE_PERMISSION, PracticeDetails
from .profile_view import handle_contact, profile_context

# Paths below the directory that its own routes use (directory.py); no profile may take these.
RESERVED_SLUGS = {"locations"}

GENDER_CHOICES = [
    ("female", "Female"),
    ("male", "Male"),
    ("non-binary", "Non-binary"),
]


class TherapistProfilePage(PracticeDetails, Page):
    """One therapist's public listing, owned (Wagtail `owner`) by that therapist."""

    CLIENT_AGES = [
        ("serves_children", "Children (0–12)"),
        ("serves_teens", "Teens (13–17)"),
        ("serves_adults", "Adults"),
        ("serves_older_adults", "Older adults (65+)"),
    ]
    CLIENT_GROUPS = [
        ("sees_individuals", "Individuals"),
        ("sees_couples", "Couples"),
        ("sees_families", "Families"),
        ("sees_groups", "Groups"),
    ]

    # Who
    credentials = models.CharField(
        max_length=80, blank=True, help_text="Letters after the name, e.g. PhD, LMFT."
    )
    profession = models.ForeignKey(
        "therapists.Profession",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
    )
    pronouns = models.CharField(max_length=40, blank=True, help_text="e.g. she/her")
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    photo_alt = models.CharField(
        "photo alt text",
        max_length=200,
        blank=True,
        help_text="Leave empty to use the photo’s own description (Images › the photo › "
        "Description); fill in only if this profile needs different words.",
    )
    statement = models.TextField(
        max_length=400,
        help_text="Two or three sentences in your own words; shown in search results.",
    )
    bio = RichTextField(features=["h2", "h3", "bold", "italic", "link", "ul", "ol"], blank=True)
    gender = models.CharField(
        max_length=20,
        choices=GENDER_CHOICES,
        blank=True,
        help_text="Shown and filterable only if you choose one.",
    )
    identities = ParentalManyToManyField(
        "therapists.Identity",
        blank=True,
        related_name="profiles",
        help_text="Identities you choose to show; clients can filter by them.",
    )

    # What
    issues = ParentalManyToManyField(
        "therapists.Issue", blank=True, related_name="profiles", verbose_name="issues treated"
    )
    top_specialties = ParentalManyToManyField(
        "therapists.Issue",
        blank=True,
        related_name="+",
        help_text="Up to three of the issues you treat, shown first.",
    )
    approaches = ParentalManyToManyField(
        "therapists.Approach",
        blank=True,
        related_name="profiles",
        verbose_name="approaches / types of therapy",
    )
    serves_children = models.BooleanField("children (0–12)", default=False)
    serves_teens = models.BooleanField("teens (13–17)", default=False)
    serves_adults = models.BooleanField("adults", default=True)
    serves_older_adults = models.BooleanField("older adults (65+)", default=False)
    sees_individuals = models.BooleanField("individuals", default=True)
    sees_couples = models.BooleanField("couples", default=False)
    sees_families = models.BooleanField("families", default=False)
    sees_groups = models.BooleanField("groups", default=False)
    languages = ParentalManyToManyField("therapists.Language", blank=True, related_name="profiles")
    faith = models.ForeignKey(
        "therapists.Faith",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="profiles",
        verbose_name="faith-informed therapy",
        help_text="Optional: a faith tradition you can bring into therapy for clients who ask.",
    )

    # Money
    fee_min = models.PositiveIntegerField(
        "lowest session fee ($)", null=True, blank=True, validators=[MaxValueValidator(10_000)]
    )
    fee_max = models.PositiveIntegerField(
        "highest session fee ($)", null=True, blank=True, validators=[MaxValueValidator(10_000)]
    )
    sliding_scale = models.BooleanField(default=False, help_text="Fees adjusted to income.")
    low_fee_places = models.PositiveSmallIntegerField(
        "low-fee places",
        default=0,
        help_text="How many reduced-fee places you keep open; 0 if none.",
    )
    insurers = ParentalManyToManyField(
        "therapists.Insurer", blank=True, related_name="profiles", verbose_name="insurance accepted"
    )

    # How and where
    offers_in_person = models.BooleanField("in-person sessions", default=True)
    offers_online = models.BooleanField("online sessions", default=False)
    online_states = ParentalManyToManyField(
        "therapists.State",
        blank=True,
        related_name="online_profiles",
        help_text="States whose residents you may see online (where you are licensed).",
    )
    phone = models.CharField(max_length=32, blank=True, validators=[validate_phone_number])
    website = models.URLField(blank=True)
    contact_email = models.EmailField(
        blank=True,
        help_text="Private: where messages from visitors are sent. Never shown. Empty: your "
        "account's email.",
    )

    # License (status and date editable by staff only)
    license_type = models.CharField(max_length=80, blank=True, help_text="e.g. LMFT, LCSW")
    license_number = models.CharField(max_length=40, blank=True)
    license_state = models.CharField(max_length=2, choices=STATES, blank=True)
    license_verified = models.BooleanField(
        "license verified by staff",
        default=False,
        help_text="Checked with the issuing board; shows a “Verified” badge with the date.",
    )
    license_verified_on = models.DateField("license verified on", null=True, blank=True)
    license_expires_on = models.DateField(
        "license expires on",
        null=True,
        blank=True,
        help_text="From the board's record. Once it has passed, the Verified badge goes and our "
        "staff check the license again.",
    )
    # "Okafor Maya" for "Maya Okafor": the directory's name order, indexed (filled on save).
    sort_name = models.CharField(max_length=255, editable=False, default="", db_index=True)

    content_panels = Page.content_panels + [
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("credentials"), FieldPanel("pronouns")]),
                FieldPanel("profession"),
                FieldRowPanel([FieldPanel("photo"), FieldPanel("photo_alt")]),
                FieldPanel("statement"),
                FieldPanel("bio"),
            ],
            heading="About you",
        ),
        MultiFieldPanel(
            [
                FieldPanel("issues", widget=forms.CheckboxSelectMultiple),
                FieldPanel("top_specialties", widget=forms.CheckboxSelectMultiple),
                FieldPanel("approaches", widget=forms.CheckboxSelectMultiple),
            ],
            heading="What you treat and how",
        ),
        MultiFieldPanel(
            [FieldPanel(name) for name, _label in CLIENT_AGES + CLIENT_GROUPS]
            + [FieldPanel("languages", widget=forms.CheckboxSelectMultiple), FieldPanel("faith")],
            heading="Client focus",
        ),
        MultiFieldPanel(
            [FieldPanel("gender"), FieldPanel("identities", widget=forms.CheckboxSelectMultiple)],
            heading="Identity (optional)",
        ),
    ]
    practice_panels = [
        MultiFieldPanel(
            [
                FieldPanel("offers_in_person"),
                FieldPanel("offers_online"),
                FieldPanel("online_states", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Session formats",
        ),
        InlinePanel("locations", label="Practice location", min_num=1),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("fee_min"), FieldPanel("fee_max")]),
                FieldPanel("sliding_scale"),
                FieldPanel("low_fee_places"),
                FieldPanel("insurers", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Fees and insurance",
        ),
        *PracticeDetails.practice_detail_panels,
        # Fields of ProfilePageForm, saved to ProfileAvailability rather than the revision.
        MultiFieldPanel(
            [FieldPanel("accepting_new_clients"), FieldPanel("accepting_confirmed_on")],
            heading="Availability",
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("website"), FieldPanel("contact_email")],
            heading="Contact",
        ),
    ]
    license_panels = [
        FieldRowPanel(
            [FieldPanel("license_type"), FieldPanel("license_number"), FieldPanel("license_state")]
        ),
        FieldPanel("license_expires_on"),
        # The permission on each field (not only on the group) keeps the fields out of the
        # form itself, so a therapist cannot post them either.
        MultiFieldPanel(
            [
                FieldPanel("license_verified", permission=VERIFY_LICENSE_PERMISSION),
                FieldPanel("license_verified_on", permission=VERIFY_LICENSE_PERMISSION),
            ],
            heading="Verification (staff only)",
            permission=VERIFY_LICENSE_PERMISSION,
        ),
        *PracticeDetails.license_detail_panels,
    ]
    edit_handler = TabbedInterface(
        [
            ObjectList(content_panels, heading="Profile"),
            ObjectList(practice_panels, heading="Practice"),
            ObjectList(license_panels, heading="License"),
            ObjectList(Page.promote_panels, heading="Promote"),
            ObjectList(Page.settings_panels, heading="Settings"),
        ],
        base_form_class=ProfilePageForm,
    )

    # Only the name is indexed: `?q=` is a name search.
    search_fields = Page.search_fields + [
        index.FilterField("offers_online"),
        index.FilterField("offers_in_person"),
    ]

    parent_page_types = ["therapists.TherapistIndexPage"]
    subpage_types = []

    @property
    def photo_alt_text(self):
        """The photo's alt text: this profile's own words if given, else the image's description
        (Wagtail's Image.description, the alt text wherever the image is used)."""
        if not self.photo_id:
            return ""
        return self.photo_alt.strip() or (self.photo.description or "").strip()

    def clean(self):
        super().clean()
        errors = {}
        if self.slug in RESERVED_SLUGS:
            errors["slug"] = "This address is used by the directory; choose another."
        if self.fee_min is not None and self.fee_max is not None and self.fee_min > self.fee_max:
            errors["fee_max"] = "The highest fee must not be below the lowest fee."
        if self.photo_id and not self.photo_alt_text:
            errors["photo_alt"] = (
                "Describe the photo for people who cannot see it: it has no description, so "
                "write one here or add it to the photo in Images."
            )
        if self.photo_id and self._photo_is_another_therapists():
            errors["photo"] = "Choose a photo you uploaded."
        errors.update(self.practice_errors())
        if self.license_verified and not self.license_verified_on:
            errors["license_verified_on"] = "Give the date the license was checked."
        top = list(self.top_specialties.all())
        if len(top) > 3:
            errors["top_specialties"] = "Choose at most three top specialties."
        elif not {issue.pk for issue in top} <= {issue.pk for issue in self.issues.all()}:
            errors["top_specialties"] = "Top specialties must be among the issues you treat."
        if errors:
            raise ValidationError(errors)

    def _photo_is_another_therapists(self):
        """A photo uploaded by a therapist other than this profile's owner (a forged id)."""
        uploader = self.photo.uploaded_by_user if self.photo else None
        return (
            uploader is not None
            and uploader.pk != self.owner_id
            and uploader.groups.filter(name=THERAPISTS).exists()
        )

    def save(self, *args, **kwargs):
        self.sort_name = sort_name_for(self.title)
        super().save(*args, **kwargs)

    def get_availability(self):
        """Whether the therapist takes new clients (ProfileAvailability): the editor's answer
        while it is previewed, else the stored one, else a new profile's default."""
        pending = getattr(self, "pending_availability", None)
        if pending is not None:
            return pending
        try:
            return self.availability
        except ProfileAvailability.DoesNotExist:  # a profile not saved yet
            return ProfileAvailability(profile_id=self.pk)

    def is_accepting(self, cutoff):
        """Accepting new clients, confirmed on or after `cutoff` (see accepting_cutoff)."""
        return self.get_availability().is_current(cutoff)

    @property
    def license_expired(self):
        expires = self.license_expires_on
        return expires is not None and expires < timezone.localdate()

    @property
    def shows_verified(self):
        """The Verified badge: checked by staff, with a date, and not expired since."""
        return self.license_verified and bool(self.license_verified_on) and not self.license_expired

    @property
    def phone_href(self):
        return phone_href(self.phone) if self.phone else ""

    @property
    def display_name(self):
        return f"{self.title}, {self.credentials}" if self.credentials else self.title

    @cached_property
    def client_focus(self):
        """(ages, groups) as lists of labels, for the profile page."""
        ages = [label for name, label in self.CLIENT_AGES if getattr(self, name)]
        groups = [label for name, label in self.CLIENT_GROUPS if getattr(self, name)]
        return ages, groups

    @property
    def recipient_email(self):
        """Where contact messages go: the profile's private address, else its owner's."""
        if self.contact_email:
            return self.contact_email
        return self.owner.email if self.owner_id and self.owner.email else ""

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(profile_context(self, request))
        return context

    # The contact form posts here from a cached page, without a CSRF token (home/public_forms.py).
    accepts_public_posts = True

    def serve(self, request, *args, **kwargs):
        if request.method == "POST":  # the contact form
            return handle_contact(self, request)
        return super().serve(request, *args, **kwargs)

    class Meta:
        verbose_name = "therapist profile"
        permissions = [("verify_license", "Can verify therapists' licenses")]


def sort_name_for(name):
    """Surname first, lower case: how a directory sorts people by name."""
    words = name.lower().split()
    return " ".join(words[-1:] + words[:-1])[:255]
