"""Who the client is, without personal data: every rate limit, the comment records and the login
throttle (django-axes) identify a visitor here, and only here.

- `client_network`: the client's address. Behind reverse proxies, CLIENT_IP_HEADER names the header
  they set (HTTP_X_FORWARDED_FOR, or HTTP_X_REAL_IP) and TRUSTED_PROXY_HOPS how many of them
  there are: each proxy appends the address it saw, so the client is the entry that many places
  from the right. Entries further left were written by the client and are never believed (taking
  the first one let anyone rotate it past the rate limits and the login lockout). Without the
  header (a request that did not come through the proxies), REMOTE_ADDR. An IPv6 address counts
  as its /64, which one client usually holds whole. Without CLIENT_IP_HEADER behind a proxy every
  visitor would be the proxy, and one busy reader would rate-limit everyone.
- `client_hash`: an HMAC-SHA256 of that network keyed by SECRET_KEY (Django's `salted_hmac`, with
  a purpose-specific salt), stored and counted instead of the address. Rotating SECRET_KEY makes
  old hashes unmatchable, which only forgets history.
"""

import ipaddress

from django.conf import settings
from django.utils.crypto import salted_hmac

IP_HASH_SALT = "mindwell.client-network"


def forwarded_address(header_value, hops):
    """The entry `hops` places from the right of a comma-separated proxy header: the address
    the outermost trusted proxy saw. With fewer entries than hops (a request that skipped an
    outer proxy), the leftmost, the nearest to the client there is."""
    entries = [entry.strip() for entry in header_value.split(",") if entry.strip()]
    if not entries:
        return ""
    return entries[-min(max(hops, 1), len(entries))]


def _parse_address(raw):
    """An ip_address from "203.0.113.9", "203.0.113.9:4711", "[2001:db8::1]:443" or "::1"."""
    raw = raw.strip()
    if raw.startswith("[") and "]" in raw:
        raw = raw[1 : raw.index("]")]
    elif raw.count(":") == 1:
        raw = raw.split(":")[0]  # IPv4 with a port
    try:
        return ipaddress.ip_address(raw)
    except ValueError:
        return None


def client_address(request):
    """The client's address as a string, as the trusted proxies saw it, or "" if unknown."""
    header = getattr(settings, "CLIENT_IP_HEADER", "")
    raw = request.META.get(header, "") if header else ""
    if raw:
        raw = forwarded_address(raw, getattr(settings, "TRUSTED_PROXY_HOPS", 1))
    else:
        raw = request.META.get("REMOTE_ADDR", "") or ""
    address = _parse_address(raw)
    return str(address) if address is not None else ""


def client_network(request):
    """The client's address (the /64 network for IPv6), or "" if the request does not say."""
    address = _parse_address(client_address(request))
    if address is None:
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
