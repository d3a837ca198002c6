"""Who the client is, without personal data: every rate limit, the comment records and the login
throttle (django-axes) identify a visitor here, and only here.

- `client_network`: the client's address from the header CLIENT_IP_HEADER names (behind a reverse
  proxy, e.g. HTTP_X_REAL_IP, set by the proxy), else REMOTE_ADDR; an IPv6 address counts as its
  /64, which one client usually holds whole. Without CLIENT_IP_HEADER behind a proxy every visitor
  would be the proxy, and one busy reader would rate-limit everyone.
- `client_hash`: an HMAC-SHA256 of that network keyed by SECRET_KEY (Django's `salted_hmac`, with
  a purpose-specific salt), stored and counted instead of the address. Rotating SECRET_KEY makes
  old hashes unmatchable, which only forgets history.
"""

import ipaddress

from django.conf import settings
from django.utils.crypto import salted_hmac

IP_HASH_SALT = "mindwell.client-network"


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


def login_client_address(request):
    """The address django-axes counts failed logins by (AXES_CLIENT_IP_CALLABLE)."""
    return client_network(request) or None
