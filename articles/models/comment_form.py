"""The "Leave a Reply" form: Name*, Email*, Website, Comment*, and the spam defences (a signed
"form started" token and a honeypot). Beside the Comment model because the article page builds
it (commenting.py)."""

import re
import unicodedata

from django import forms
from django.core.validators import URLValidator

from home.forms import EmailAddressField, count_characters
from home.spam import HoneypotField, check_form_token, count_links, make_form_token

from .comments import Comment

MAX_LINKS = 2
# Control characters other than tab and newline (NUL is refused by Django's own validator).
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b\u2028\u2029]")
BLANK_LINES = re.compile(r"\n{3,}")


def plain_text(value):
    """Normalise what a reader typed: NFC, Unix newlines, no control characters, no runs of
    blank lines, no trailing spaces."""
    value = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    value = CONTROL_CHARACTERS.sub("", value)
    value = "\n".join(line.rstrip() for line in value.split("\n"))
    return BLANK_LINES.sub("\n\n", value).strip()


class CommentForm(forms.ModelForm):
    """Name*, Email*, Website, Comment*, plus the spam defences: a signed "form started"
    timestamp (a minimum time to fill it in) and a honeypot."""

    website = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"])],
        help_text="Optional. Your name will link to it.",
        widget=forms.URLInput(attrs={"autocomplete": "url"}),
        error_messages={"invalid": "Enter a full web address, like https://example.com."},
    )
    started = forms.CharField(widget=forms.HiddenInput, required=False)
    leave_empty = HoneypotField()

    class Meta:
        model = Comment
        fields = ["name", "email", "website", "body"]
        field_classes = {"email": EmailAddressField}
        labels = {"name": "Name", "email": "Email", "body": "Comment"}
        help_texts = {
            "email": "Never shown. We use it only to contact you about your comment.",
            "body": "Plain text; leave a blank line between paragraphs. At most "
            f"{MAX_LINKS} links and {Comment._meta.get_field('body').max_length:,} characters.",
        }
        widgets = {
            "name": forms.TextInput(attrs={"autocomplete": "name"}),
            "email": forms.EmailInput(attrs={"autocomplete": "email"}),
            "body": forms.Textarea(attrs={"rows": 8}),
        }
        error_messages = {
            "name": {
                "required": "Enter your name (it is shown with your comment).",
                "max_length": "Keep your name under %(limit_value)d characters "
                "(it has %(show_value)d).",
            },
            "email": {
                "required": "Enter your email address (it is never shown).",
                "invalid": "Enter a valid email address, like name@example.com.",
            },
            "body": {
                "required": "Write your comment.",
                "max_length": "Keep your comment under %(limit_value)d characters "
                "(it has %(show_value)d).",
            },
        }

    def __init__(self, *args, article, **kwargs):
        super().__init__(*args, **kwargs)
        count_characters(self.fields["body"])
        self.article = article
        self.fields["started"].initial = make_form_token(article.pk)
        self.token_problem = None

    def clean_name(self):
        name = " ".join(plain_text(self.cleaned_data["name"]).split())
        if not name:
            raise forms.ValidationError("Enter your name (it is shown with your comment).")
        if count_links(name) or "://" in name:
            raise forms.ValidationError("A name cannot contain a link; use the Website field.")
        return name

    def clean_email(self):
        return self.cleaned_data["email"].strip().lower()

    def clean_body(self):
        body = plain_text(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError("Write your comment.")
        links = count_links(body)
        if links > MAX_LINKS:
            raise forms.ValidationError(
                f"A comment may contain at most {MAX_LINKS} links (this one has {links})."
            )
        return body

    def clean(self):
        cleaned = super().clean()
        self.token_problem = check_form_token(self.data.get("started"), self.article.pk)
        if self.token_problem:
            raise forms.ValidationError(self.token_problem, code="form_token")
        return cleaned

    def render_token(self):
        """The token to serve with the form: the one posted if it is still good (so the time
        already spent counts), else a fresh one."""
        if self.is_bound and not self.token_problem and self.data.get("started"):
            return self.data["started"]
        return make_form_token(self.article.pk)
