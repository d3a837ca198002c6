"""Absolute URLs, all built from BASE_URL (the setting that says where the site is served), and
the default Wagtail Site record, which follows it.

Feeds, the sitemap, canonical and Open Graph links, JSON-LD and every email build their links
here, never from the request's host (emails and commands have no request; a proxy may change the
host) nor from the Site record alone (it can say https only on port 443, and lags BASE_URL until
the next `migrate`).
"""

import logging
import sys
from urllib.parse import urlsplit, urlunsplit

from django.apps import apps as global_apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS
from wagtail.models import Site

logger = logging.getLogger(__name__)

DEFAULT_PORTS = {"http": 80, "https": 443}


def base_url():
    """BASE_URL without a trailing slash: `scheme://host[:port]`."""
    return settings.BASE_URL.rstrip("/")


def absolute_url(path):
    """`path` (from the site root: "/articles/", or what `reverse()` answers) on BASE_URL. A URL
    that is already absolute, such as an image served by another host, comes back as it is."""
    if urlsplit(path).netloc:
        return path
    if not path.startswith("/"):
        raise ValueError(f"absolute_url() takes a path from the site root, not {path!r}")
    return base_url() + path


def page_url(page, request=None):
    """A page's absolute URL on BASE_URL (what Wagtail's `full_url` also says once the Site
    record follows BASE_URL), or None for a page that no site reaches."""
    parts = page.get_url_parts(request)
    return absolute_url(parts[2]) if parts and parts[2] is not None else None


def on_base_url(url):
    """A URL of this site, such as Wagtail's `full_url` (built from the Site record), moved onto
    BASE_URL: its path, query and fragment are kept."""
    parts = urlsplit(url)
    return absolute_url(urlunsplit(("", "", parts.path or "/", parts.query, parts.fragment)))


# The default Site record follows BASE_URL and SITE_NAME


def default_site_fields():
    """The hostname, port and name the default Site should have."""
    parts = urlsplit(base_url())
    return {
        "hostname": parts.hostname,
        "port": parts.port or DEFAULT_PORTS[parts.scheme],
        "site_name": settings.WAGTAIL_SITE_NAME,
    }


def sync_default_site(site_model=None, using=DEFAULT_DB_ALIAS):
    """Give the default Site BASE_URL's hostname and port and SITE_NAME as its name, so that
    Wagtail's own absolute URLs (`full_url`, the admin's links) agree with ours and the admin
    names the site. Returns the Site when it changed, else None.

    `site_model` is the migration state's model when called after `migrate`."""
    model = site_model or Site
    site = model.objects.using(using).filter(is_default_site=True).first()
    if site is None:
        return None
    wanted = default_site_fields()
    taken = (
        model.objects.using(using)
        .filter(hostname=wanted["hostname"], port=wanted["port"])
        .exclude(pk=site.pk)
        .exists()
    )
    if taken:
        # Another site of a multi-site set-up already answers there: leave the address alone.
        logger.warning(
            "The default site keeps %s:%s: another site already has %s's hostname and port.",
            site.hostname,
            site.port,
            base_url(),
        )
        del wanted["hostname"], wanted["port"]
    changed = [name for name, value in wanted.items() if getattr(site, name) != value]
    if not changed:
        return None
    for name in changed:
        setattr(site, name, wanted[name])
    site.save(using=using, update_fields=changed)
    # Wagtail caches every site's root URL; a migration state's model sends no signal to clear it.
    Site.clear_site_root_paths_cache()
    return site


def sync_site_after_migrate(
    sender, apps=global_apps, using=DEFAULT_DB_ALIAS, verbosity=1, **kwargs
):
    """post_migrate: every `migrate` (every deploy runs one) moves the default Site to BASE_URL.
    `flush` sends the signal without `apps`: the current models then."""
    try:
        model = apps.get_model("wagtailcore", "Site")
    except LookupError:  # wagtailcore migrated back to zero: no Site table
        return
    site = sync_default_site(model, using)
    if site is not None and verbosity:
        stdout = kwargs.get("stdout") or sys.stdout
        stdout.write(f"  The default site is now {base_url()} ({site.site_name}).\n")
