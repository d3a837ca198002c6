"""Server-side spam defence for the public forms (comments, newsletter sign-up).

- Client identity without personal data: `client_hash` is an HMAC-SHA256 of the client's network
  (the IPv4 address, or the /64 of an IPv6 address, which one client usually holds whole), keyed
  by SECRET_KEY through Django's `salted_hmac` with a purpose-specific salt. The address itself is
  never stored; rotating SECRET_KEY makes old hashes unmatchable, which only forgets history.
  Behind a reverse proxy set CLIENT_IP_HEADER (e.g. HTTP_X_REAL_IP) so the client, not the proxy,
  is hashed.
- Per-client rate limits with django-ratelimit, keyed on that hash (counts live in the cache:
  Redis in production, so every worker shares them).
- A honeypot field and a signed "form started" timestamp (a minimum time to fill the form in).
"""

import ipaddress
import re
import time

from django import forms
from django.conf import settings
from django.core import signing
from django.utils.crypto import salted_hmac
from django_ratelimit.core import is_ratelimited

IP_HASH_SALT = "mindwell.client-network"
FORM_TOKEN_SALT = "mindwell.form-started"
# A form posted sooner than this after it was served was not filled in by a person.
MIN_SECONDS_TO_SUBMIT = 3
# A form older than this is refused (and served again with a fresh token).
FORM_MAX_AGE = 2 * 24 * 3600
LINK_PATTERN = re.compile(r"(?:\b[a-z][a-z0-9+.-]*://|\bwww\.)\S+", re.IGNORECASE)


def client_network(request):
    """The client's address (the /64 network for IPv6), or "" if the request does not say."""
    header = getattr(settings, "CLIENT_IP_HEADER", "") or "REMOTE_ADDR"
    raw = request.META.get(header, "") or ""
    # A proxy header may list several addresses; the first is the client as the proxy saw it.
    raw = raw.split(",")[0].strip()
    try:
        address = ipaddress.ip_address(raw)
    except ValueError:
        return ""
    if address.version == 6:
        if address.ipv4_mapped:
            return str(address.ipv4_mapped)
        return str(ipaddress.ip_network(f"{address}/64", strict=False).network_address)
    return str(address)


def client_hash(request):
    """A keyed, one-way hash of the client's network: stored instead of the address."""
    return salted_hmac(IP_HASH_SALT, client_network(request), algorithm="sha256").hexdigest()


def _ratelimit_key(group, request):
    return client_hash(request)


def over_rate_limit(request, group, rate):
    """Count this request against the client's limit for `group`; True once it is exceeded."""
    return is_ratelimited(
        request, group=group, key=_ratelimit_key, rate=rate, method="POST", increment=True
    )


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
    """A field people never see (hidden by CSS, out of the tab order, silent for screen readers)
    and bots fill in. Any value fails validation."""

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
