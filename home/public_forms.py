"""CSRF for the public forms that sit on cached pages (docs/security.md, "Forms on cached pages").

A page Varnish shares between visitors cannot carry a per-visitor CSRF token, and setting the
token's cookie would keep it out of the cache. The public forms (comment, newsletter sign-up,
profile contact, joining, "Don't show me this again") change nothing that belongs to the
visitor's session: whoever posts them, a browser or a script, gets the same result. So they
are exempt from Django's token check and protected instead by where the post comes from: the
browser's `Origin` header (or, without one, `Referer`) must name this site, and a browser that
says the request is cross-site (`Sec-Fetch-Site`) is refused. Forms that act for a signed-in
user (the admin, account pages, token pages) keep Django's CSRF.

- `public_form(view)`: for a Django view: exempt from the token check, same-origin required.
- `check_page_post(page, request)`: for Wagtail pages, whose serving is exempt as a whole
  (site/urls.py): a page whose class sets `accepts_public_posts = True` gets the origin check,
  every other page Django's own CSRF check, exactly as without the exemption.
"""

from functools import wraps
from urllib.parse import urlsplit

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt

SAFE_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE"}


def _origin(url):
    parts = urlsplit(url or "")
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


def allowed_origins(request):
    """This site as browsers name it: BASE_URL, CSRF_TRUSTED_ORIGINS and the host asked for."""
    scheme = "https" if request.is_secure() else "http"
    origins = {f"{scheme}://{request.get_host()}".lower(), _origin(settings.BASE_URL)}
    origins.update(_origin(origin) for origin in settings.CSRF_TRUSTED_ORIGINS)
    return origins - {None}


def cross_site_reason(request):
    """Why this POST is not from one of this site's own pages (a sentence), or None."""
    # The test client's switch, honoured as Django's own CSRF check honours it.
    if getattr(request, "_dont_enforce_csrf_checks", False):
        return None
    if request.headers.get("Sec-Fetch-Site") == "cross-site":
        return "Your browser says this form was sent from another website."
    origin = request.headers.get("Origin")
    if origin is not None:
        # "null" too: a sandboxed frame, a data: URL or a page that hid its address.
        if _origin(origin) in allowed_origins(request):
            return None
        return "This form was sent from another website, not from a page of this site."
    referer = request.headers.get("Referer")
    if referer is not None:
        if _origin(referer) in allowed_origins(request):
            return None
        return "This form was sent from another website, not from a page of this site."
    # Every current browser sends Origin with a POST (and Referer to the same site, which
    # our Referrer-Policy allows); neither means the post cannot be told from a forgery.
    return "Your browser did not say which page this form was sent from."


def refuse_cross_site(request):
    """403 with a page saying why, or None when the post comes from this site."""
    reason = cross_site_reason(request)
    if reason is None:
        return None
    return TemplateResponse(request, "home/form-refused.html", {"reason": reason}, status=403)


def public_form(view):
    """Exempt `view` from Django's CSRF token and check where its POSTs come from instead."""

    @wraps(view)
    def checked(request, *args, **kwargs):
        if request.method not in SAFE_METHODS:
            refusal = refuse_cross_site(request)
            if refusal is not None:
                return refusal
        return view(request, *args, **kwargs)

    return csrf_exempt(checked)


def check_page_post(page, request, serve_args=(), serve_kwargs=None):
    """The answer refusing a POST to `page`, or None to serve it (a `before_serve_page` hook)."""
    if request.method in SAFE_METHODS:
        return None
    if getattr(page, "accepts_public_posts", False):
        return refuse_cross_site(request)
    # Django's own check, as CsrfViewMiddleware makes it for the page's serve() (not exempt).
    return CsrfViewMiddleware(lambda request: None).process_view(
        request, page.serve, serve_args, serve_kwargs or {}
    )
