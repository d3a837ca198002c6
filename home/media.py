"""Uploaded files served by Django (SERVE_MEDIA), with how long browsers and Varnish may keep them.

A rendition's file name carries its filter and the focal point's hash (Wagtail names it
`<image>.<filter>.<key>.<ext>`), so a changed image or crop is a new URL: renditions never change
in place and are marked immutable for a year. Admin avatars keep Django's plain answer.
"""

from django.utils.cache import patch_cache_control
from django.views.static import serve

IMMUTABLE_PREFIX = "images/"
A_YEAR = 365 * 24 * 60 * 60


def serve_media(request, path, document_root):
    response = serve(request, path, document_root=document_root)
    if path.startswith(IMMUTABLE_PREFIX) and response.status_code == 200:
        patch_cache_control(response, public=True, max_age=A_YEAR, immutable=True)
    return response
