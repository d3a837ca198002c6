"""Purging the full-page cache (Varnish, deploy/varnish/mindwell.vcl) over HTTP.

Two ways, both answered by Varnish only from this machine (the VCL's `purgers` ACL):

- `purge_keys(*keys)`: one `PURGE` request with an `xkey-purge: key1 key2` header drops every
  cached response whose `xkey` header named one of the keys (surrogate keys, varnish-modules'
  xkey vmod). Pages name their keys with `add_surrogate_keys(response, ...)`; every cacheable
  page carries SITE_KEY (home/cache_headers.py), so `purge_keys(SITE_KEY)` empties the cache.
- `purge_urls(*urls)`: a `PURGE` of each URL drops that URL's cached response (every variant).

What names which keys (docs/operations.md, "The page cache"): every cacheable response carries
SITE_KEY; a served Wagtail page adds its `page_key` (home/wagtail_hooks.py); anything a
template shows may add its own through `tag_request(request, key)` (the Recent Comments sidebar
does). Changes purge through `purge_on_commit(...)`, after their transaction commits: a purge
sent earlier could let Varnish fetch and keep the old page again before the change is visible.

FRONTEND_CACHE_URL (settings) says where Varnish listens; empty means no cache, and both are
no-ops. A cache that is down or slow never fails the caller: the error is logged and the result
says nothing was purged. Wagtail's own `wagtail.contrib.frontend_cache` purges URLs too, but
knows no surrogate keys and sets no timeout on its requests, so a hung cache would hang a publish.
"""

import logging
import re
import threading
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

SITE_KEY = "site"
KEY_HEADER = "xkey"
PURGE_KEY_HEADER = "xkey-purge"
# Varnish answers a key purge with "Purged <n> objects" (the VCL's vcl_synth).
PURGED_COUNT = re.compile(rb"Purged (\d+)")


def add_surrogate_keys(response, *keys):
    """Tag `response` with surrogate keys (space-separated in its `xkey` header), once each."""
    present = response.headers.get(KEY_HEADER, "").split()
    for key in keys:
        if not key or "," in key or any(character.isspace() for character in key):
            # xkey splits the header on spaces and commas.
            raise ValueError(f"A surrogate key is one word without commas, not {key!r}.")
        if key not in present:
            present.append(key)
    response.headers[KEY_HEADER] = " ".join(present)
    return response


def page_key(page_id):
    """The surrogate key of one Wagtail page, by id (every URL it serves, routes included)."""
    return f"page-{page_id}"


def tag_request(request, *keys):
    """Name surrogate keys for the response to `request`, from wherever the page is built;
    home/cache_headers.py adds them when the response is cacheable."""
    if request is not None:
        request.surrogate_keys = getattr(request, "surrogate_keys", ()) + keys


def request_keys(request):
    return getattr(request, "surrogate_keys", ())


_pending = threading.local()


def purge_on_commit(*keys):
    """Purge `keys` once the current transaction commits (at once outside one). Keys asked for
    during one transaction go out in one purge."""
    if not hasattr(_pending, "keys"):
        _pending.keys = {}
    _pending.keys.update(dict.fromkeys(key for key in keys if key))
    transaction.on_commit(_purge_pending)


def _purge_pending():
    # The first callback of a transaction sends every key; the others find nothing left. Keys
    # of a transaction that rolled back go out with the next purge: one needless purge.
    keys, _pending.keys = list(getattr(_pending, "keys", {})), {}
    if keys:
        purge_keys(*keys)


def _send_purge(path, headers):
    """PURGE `path` on the cache; the response body, or None when the cache is off or failed."""
    if not settings.FRONTEND_CACHE_URL:
        return None
    request = Request(settings.FRONTEND_CACHE_URL + path, method="PURGE", headers=headers)
    try:
        with urlopen(request, timeout=settings.FRONTEND_CACHE_TIMEOUT) as response:  # noqa: S310
            return response.read()
    except HTTPError as error:
        logger.warning("The page cache refused a purge of %s %s: %s", path, headers, error)
    except (URLError, OSError) as error:  # refused, unreachable, timed out
        logger.warning(
            "The page cache could not be reached to purge %s %s: %s", path, headers, error
        )
    return None


def purge_keys(*keys):
    """Drop every cached response tagged with any of `keys`. Returns how many were dropped,
    or None when there is no cache or it could not be reached (logged)."""
    keys = [key for key in keys if key]
    if not keys:
        return 0
    body = _send_purge("/", {PURGE_KEY_HEADER: " ".join(dict.fromkeys(keys))})
    if body is None:
        return None
    match = PURGED_COUNT.search(body)
    return int(match.group(1)) if match else 0


def purge_urls(*urls):
    """Drop the cached responses of `urls` (paths, or absolute URLs of this site: the cache
    keys pages by path and query alone). Returns how many purges the cache acknowledged."""
    done = 0
    for url in dict.fromkeys(urls):
        parts = urlsplit(url)
        path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if _send_purge(path, {}) is not None:
            done += 1
    return done
