"""A visitor's message to a therapist, and the profile's contact form that writes one."""

from django import forms
from django.db import models
from wagtail.admin.panels import FieldPanel

from home.forms import EmailAddressField, count_characters
from home.spam import HoneypotField
from home.text_input import clean_text
from home.validators import validate_phone_number


class ContactMessage(models.Model):
    """A visitor's message to a therapist from the profile's contact form.

    Private: only the therapist (by email, later on their dashboard) and staff (in the admin)
    see it. The sender's address is never shown on a public page.
    """

    profile = models.ForeignKey(
        "therapists.TherapistProfilePage",
        on_delete=models.CASCADE,
        related_name="contact_messages",
    )
    name = models.CharField(max_length=100)
    email = models.EmailField()
    phone = models.CharField(max_length=32, blank=True)
    message = models.TextField(max_length=3000)
    consent = models.BooleanField("agreed to share these details with the therapist", default=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    email_sent = models.BooleanField(
        default=False, help_text="Whether the email to the therapist went out."
    )
    read_at = models.DateTimeField(null=True, blank=True)
    handled_at = models.DateTimeField(
        null=True, blank=True, help_text="When the therapist (or staff) marked it as dealt with."
    )
    reminded_at = models.DateTimeField(
        null=True,
        blank=True,
        editable=False,
        help_text="When the therapist was reminded of it, unanswered (listing_checks.py).",
    )

    # Staff edit only the state: what the visitor wrote is never changed.
    panels = [FieldPanel("read_at"), FieldPanel("handled_at")]

    @property
    def is_read(self):
        return self.read_at is not None

    @property
    def is_handled(self):
        return self.handled_at is not None

    def __str__(self):
        return f"Message from {self.name} to {self.profile.title}"

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["profile", "-created_at"], name="therapists_msg_profile")]


class ContactForm(forms.ModelForm):
    """The profile's contact form. `website` is the honeypot (home/spam.py): people never see it,
    and a form with it filled in is refused like any invalid one."""

    website = HoneypotField()

    class Meta:
        model = ContactMessage
        fields = ["name", "email", "phone", "message", "consent"]
        field_classes = {"email": EmailAddressField}
        labels = {
            "name": "Your name",
            "email": "Your email",
            "phone": "Your phone (optional)",
            "message": "Your message",
            "consent": "I agree that the therapist receives my name, email, phone and message "
            "to reply to me.",
        }
        help_texts = {
            "message": "Say briefly what you are looking for (at most 3,000 characters). Do "
            "not include anything you would not want to share by email.",
        }
        widgets = {
            "message": forms.Textarea(attrs={"rows": 6}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "phone": forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        count_characters(self.fields["message"])
        self.fields["consent"].required = True
        self.fields["consent"].error_messages["required"] = (
            "Tick the box so we can pass your message to the therapist."
        )

    def clean_name(self):
        name = clean_text(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError("Enter your name.")
        return name

    def clean_message(self):
        message = clean_text(self.cleaned_data["message"], multiline=True)
        if not message:
            raise forms.ValidationError("Write your message.")
        return message

    def clean_phone(self):
        phone = self.cleaned_data["phone"].strip()
        if phone:
            validate_phone_number(phone)
        return phone
