"""Public forms of the publishing side that are not a page's own: the newsletter sign-up. (The
article page's "Leave a Reply" form is articles/models/comment_form.py.)"""

from django import forms

from home.forms import EmailAddressField
from home.spam import HoneypotField


class NewsletterForm(forms.Form):
    """Email and explicit consent (an unticked box: nothing subscribes anyone by default)."""

    email = EmailAddressField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter a valid email address, like name@example.com.",
        },
    )
    consent = forms.BooleanField(
        label="Yes, email me the weekly newsletter. I can unsubscribe at any time.",
        error_messages={"required": "Tick the box to confirm you want the newsletter."},
    )
    leave_empty = HoneypotField()

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()
