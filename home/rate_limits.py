"""Per-client rate limits and the flow every rate-limited public form follows.

Limits are django-ratelimit's, keyed on the client's hash (home/client_identity.py), so a proxy
header is honoured and no address is kept; the counts live in the cache (Redis in production,
shared by every worker).
"""

from django.utils.crypto import salted_hmac
from django_ratelimit.core import is_ratelimited

from .client_identity import client_hash


def _client_key(group, request):
    return client_hash(request)


def over_rate_limit(request, group, rate):
    """Count this request against the client's limit for `group`; True once it is exceeded."""
    return is_ratelimited(
        request, group=group, key=_client_key, rate=rate, method="POST", increment=True
    )


def refuse_form(request, form, render, *, group, rate, limited_message):
    """The answer to a posted public form that cannot go ahead, or None when it can.

    Over the client's limit: 429, the form re-rendered with `limited_message` (the limit is
    checked first, so invalid posts count too, and the form is validated so its errors show as
    well). Invalid: 400 with the form's errors. Either way what the visitor typed stays in the
    form. `render(form, status)` builds the page."""
    if over_rate_limit(request, group, rate):
        form.is_valid()
        form.add_error(None, limited_message)
        return render(form, 429)
    if not form.is_valid():
        return render(form, 400)
    return None


def over_address_limit(request, group, address, rate):
    """Count one more email to `address` for `group`; True once `rate` is exceeded. Keyed by a
    hash of the lower-cased address (no address is kept in the cache), counted whether or not an
    account has it, so the answer says nothing about which addresses have accounts."""
    digest = salted_hmac("home.rate_limits.address", address.strip().lower()).hexdigest()
    return is_ratelimited(
        request, group=group, key=lambda group, request: digest, rate=rate, increment=True
    )
