"""Spam defence shared by every public form (comments, newsletter sign-up, therapist contact).

- `HoneypotField`: a field people never see and bots fill in. A filled-in honeypot is refused
  like any other invalid input: 400, the form again with a message naming the field, nothing
  saved or sent. It is never dropped silently: a person whose browser or assistive software
  filled the field would otherwise believe their message reached a therapist (or their comment a
  moderator) and wait for a reply that never comes; a bot learns nothing it could not learn from
  the page, and rate limits and the form-age token still stand in its way.
- A signed "form started" token (`make_form_token`/`check_form_token`): a form posted sooner
  than a person can type, older than two days, or served for another page is refused.
- `count_links`: how many links a text holds, for forms that limit them.

Who the client is and how often it may post: home/client_identity.py and home/rate_limits.py.
"""

import re
import time

from django import forms
from django.conf import settings
from django.core import signing

FORM_TOKEN_SALT = "mindwell.form-started"
# A form posted sooner than this after it was served was not filled in by a person.
MIN_SECONDS_TO_SUBMIT = 3
# A form older than this is refused (and served again with a fresh token).
FORM_MAX_AGE = 2 * 24 * 3600
LINK_PATTERN = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+", re.IGNORECASE)


def count_links(text):
    return len(LINK_PATTERN.findall(text or ""))


def make_form_token(scope):
    """A signed, tamper-proof note of when a form for `scope` (e.g. an article) was served."""
    return signing.dumps({"scope": str(scope), "at": int(time.time())}, salt=FORM_TOKEN_SALT)


def check_form_token(token, scope, now=None):
    """Why the token is unacceptable (a message for the reader), or None if it is fine."""
    try:
        data = signing.loads(token or "", salt=FORM_TOKEN_SALT, max_age=FORM_MAX_AGE)
    except signing.SignatureExpired:
        return "This form was open for more than two days. Please send it again."
    except signing.BadSignature:
        return "This form was damaged on its way to us. Please send it again."
    if not isinstance(data, dict) or data.get("scope") != str(scope):
        return "This form belongs to another page. Please send it again from this one."
    elapsed = (now or time.time()) - data.get("at", 0)
    if elapsed > FORM_MAX_AGE:
        return "This form was open for more than two days. Please send it again."
    minimum = getattr(settings, "FORM_MIN_SECONDS_TO_SUBMIT", MIN_SECONDS_TO_SUBMIT)
    if elapsed < minimum:
        return "That was quicker than anyone can type. Please check your text and send it again."
    return None


class HoneypotField(forms.CharField):
    """A field people never see (hidden by CSS, out of the tab order, silent for screen readers:
    home/includes/form-trap.html) and bots fill in. Any value fails validation."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "Leave this field empty")
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"})
        )
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value:
            raise forms.ValidationError(
                "We could not accept this form because a hidden field was filled in. "
                "Please send it again without the field labelled “Leave this field empty”.",
                code="honeypot",
            )
