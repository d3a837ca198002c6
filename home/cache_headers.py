"""Cache-Control for anonymous public pages, the contract with the full-page cache.

Varnish (deploy/varnish/mindwell.vcl) keeps a response only when Django says it may, so this
middleware marks an anonymous GET or HEAD answered 200 with
`Cache-Control: public, max-age=PAGE_CACHE_MAX_AGE, s-maxage=PAGE_CACHE_SHARED_MAX_AGE`
(browsers briefly, Varnish longer: it is purged on change) and tags it with the site-wide
surrogate key, so one purge of `SITE_KEY` empties the cache after a change shown everywhere,
and with the keys the page named while it was built (`tag_request`: the page's own, Recent
Comments).

It leaves alone anything that is not the same for every anonymous visitor: the admin and token
pages (NEVER_CACHED_PREFIXES), previews, requests with a session cookie or credentials, responses
that set a cookie (a CSRF token included), and responses whose view already chose its own
Cache-Control or Expires (`never_cache`, `private`, a longer public lifetime).
"""

from django.conf import settings
from django.utils.cache import patch_cache_control

from .frontend_cache import SITE_KEY, add_surrogate_keys, request_keys

# Per-visitor or one-time pages, whatever their headers say. Varnish passes the same paths.
NEVER_CACHED_PREFIXES = (
    "/admin/",
    "/django-admin/",
    "/join/verify/",
    "/join/check-your-email/",
    "/account/",
    "/newsletter/confirm/",
    "/newsletter/unsubscribe/",
    "/newsletter/check-your-email/",
    "/directory/hide-prompt/",
)
# Search results depend on every article and on the query, so no purge can name them: browsers
# and Varnish keep them a minute, which still absorbs a spike of the same query.
SHORT_LIVED_PREFIXES = ("/search/",)
SHORT_LIVED_MAX_AGE = 60
CACHEABLE_METHODS = {"GET", "HEAD"}


def is_public_response(request, response):
    """Whether `response` may be shared by every anonymous visitor asking for this URL."""
    if request.method not in CACHEABLE_METHODS or response.status_code != 200:
        return False
    if request.path.startswith(NEVER_CACHED_PREFIXES) or getattr(request, "is_preview", False):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES or "HTTP_AUTHORIZATION" in request.META:
        return False
    if response.cookies or response.has_header("Cache-Control") or response.has_header("Expires"):
        return False
    return True


class PublicPageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_public_response(request, response):
            max_age, shared_max_age = (
                settings.PAGE_CACHE_MAX_AGE,
                settings.PAGE_CACHE_SHARED_MAX_AGE,
            )
            if request.path.startswith(SHORT_LIVED_PREFIXES):
                max_age = shared_max_age = SHORT_LIVED_MAX_AGE
            patch_cache_control(response, public=True, max_age=max_age, s_maxage=shared_max_age)
            add_surrogate_keys(response, SITE_KEY, *request_keys(request))
        return response
