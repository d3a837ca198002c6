"""Uploaded files served by Django in a small deployment (site/urls.py, SERVE_MEDIA).

Django's `static.serve` asks the file system about whatever path it is given; a name over the
file system's limit (255 bytes a component on Linux) makes that an OSError, so a 500. No
uploaded file has such a name, so such a path is simply not found.

A rendition's file name carries its filter and the focal point's hash (Wagtail names it
`<image>.<filter>.<key>.<ext>`), so a changed image or crop is a new URL: renditions never change
in place and are marked immutable for a year. Admin avatars keep Django's plain answer.
"""

import errno

from django.conf import settings
from django.http import Http404
from django.utils.cache import patch_cache_control
from django.views.static import serve

NAME_MAX = 255  # bytes in one path component (Linux, macOS)
PATH_MAX = 1024  # bytes in the whole path below MEDIA_ROOT; uploads stay far below
IMMUTABLE_PREFIX = "images/"
A_YEAR = 365 * 24 * 60 * 60


def serve_media(request, path):
    encoded = path.encode("utf-8", "surrogatepass")
    if len(encoded) > PATH_MAX or any(len(part) > NAME_MAX for part in encoded.split(b"/")):
        raise Http404("No such file.")
    try:
        # MEDIA_ROOT read per request, not when the URLconf loads (tests override it).
        response = serve(request, path, document_root=settings.MEDIA_ROOT)
    except OSError as error:
        if error.errno in {errno.ENAMETOOLONG, errno.ELOOP, errno.EINVAL}:
            raise Http404("No such file.") from error
        raise
    if path.startswith(IMMUTABLE_PREFIX) and response.status_code == 200:
        patch_cache_control(response, public=True, max_age=A_YEAR, immutable=True)
    return response


def no_such_document(request, *args):
    """A document id longer than any id can be: Wagtail's document view would hand it to the
    database as a number and fail (Python refuses to read over 4,300 digits), a 500 the fuzz
    suite found. No document has it, so: 404."""
    raise Http404("No such document.")
