"""Requests no view can read are answered 400 here, before any view (or error handler) sees them.

- A body Django cannot decode: a form posted as `charset=utf-16`, a multipart body with an
  empty or broken boundary, too many fields. Django raises when `request.POST` is first read,
  and its error handlers read it again (CSRF's `requires_csrf_token`), so the 400 would become a
  500. Reading the body once here, and answering 400 when that fails, keeps every later reader
  (CSRF, the views, the error handlers) on a body that parsed.
- NUL characters, which PostgreSQL refuses in any query (a ValueError, so a 500, not "no
  match"): a cookie holding one is a 400; a page path holding one names no page (slugs cannot
  contain it), so Wagtail's page routing answers 404 without asking the database. Views of
  their own check what they look up (`home.text_input.is_token`); form fields refuse NUL with a
  message (Django's ProhibitNullCharactersValidator).

`bad_request` is the site's 400 handler (site/urls.py): unlike Django's default it does not go
through the CSRF machinery, so it never reads the body it is refusing.
"""

import logging

from django.core.exceptions import BadRequest, SuspiciousOperation
from django.http import Http404, HttpResponseBadRequest
from django.http.multipartparser import MultiPartParserError
from django.template import loader

logger = logging.getLogger("django.security.RequestGuard")
BODY_METHODS = {"POST", "PUT", "PATCH", "DELETE"}
UNREADABLE_BODY = (
    "We could not read what your browser sent (the form data was not valid UTF-8, was cut "
    "short or was too large). Go back, reload the page and try again."
)
NUL_CHARACTER = (
    "A cookie held a NUL character, which nothing here accepts. Clear this site's cookies."
)


def request_problem(request):
    """Why this request cannot be read, or None when it can."""
    if any("\x00" in name or "\x00" in value for name, value in request.COOKIES.items()):
        return NUL_CHARACTER
    if request.method in BODY_METHODS:
        try:
            request.POST  # noqa: B018
            request.FILES  # noqa: B018 (parses a multipart body with the fields)
        except (BadRequest, MultiPartParserError, SuspiciousOperation, UnicodeDecodeError) as error:
            logger.warning("Unreadable request body on %s: %s", request.path, error)
            # Any later reader gets an empty body instead of the same exception again.
            request._mark_post_parse_error()
            return UNREADABLE_BODY
    return None


class RequestGuardMiddleware:
    """First in MIDDLEWARE: answers 400 to requests `request_problem` finds unreadable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        problem = request_problem(request)
        if problem:
            return bad_request(request, problem)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Wagtail's page serving, however site/urls.py wraps it (csrf_exempt), by its URL name.
        match = request.resolver_match
        if match is not None and match.url_name == "wagtail_serve" and "\x00" in request.path:
            raise Http404("No page has this address.")
        return None


def bad_request(request, exception=None):
    """The 400 page: a plain page saying what was wrong, without touching the request body."""
    reason = exception if isinstance(exception, str) else ""
    body = loader.render_to_string("400.html", {"reason": reason})
    return HttpResponseBadRequest(body)
