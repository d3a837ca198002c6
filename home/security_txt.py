"""/.well-known/security.txt (RFC 9116): where to report a vulnerability (docs/security.md)."""

from datetime import timedelta

from django.conf import settings
from django.http import HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from .absolute import absolute_url

# RFC 9116 asks for an expiry under a year ahead; the file is made on request, so it never lapses.
VALID_FOR = timedelta(days=180)


@require_GET
def security_txt(request):
    expires = (timezone.now() + VALID_FOR).replace(microsecond=0)
    lines = [
        f"Contact: mailto:{settings.SECURITY_CONTACT}",
        f"Expires: {expires.strftime('%Y-%m-%dT%H:%M:%SZ')}",
        "Preferred-Languages: en",
        f"Canonical: {absolute_url('/.well-known/security.txt')}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
