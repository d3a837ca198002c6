"""Content-Security-Policy and Permissions-Policy on every response (docs/security.md).

Django 5.2 has no CSP of its own (6.0 does) and the policy is one fixed string per area, with no
nonces (the site has no inline script or style), so a small middleware does it rather than a
dependency. The public site gets `CONTENT_SECURITY_POLICY`, enforced. Wagtail's admin still
has inline scripts and styles in some of its own templates (inline panels, date pickers), so
under `CSP_REPORT_ONLY_PREFIXES` the same policy is sent as Content-Security-Policy-Report-Only:
browsers report what it would block and block nothing. A view that set its own policy keeps it
(Wagtail's document view sends `default-src 'none'`).
"""

from django.conf import settings

ENFORCED = "Content-Security-Policy"
REPORT_ONLY = "Content-Security-Policy-Report-Only"


def serialize(directives):
    return "; ".join(" ".join([name, *sources]) for name, sources in directives.items())


def permissions_policy(features):
    """`camera=(), fullscreen=(self "https://…")`: an empty list denies the feature outright."""
    return ", ".join(f"{feature}=({' '.join(allowed)})" for feature, allowed in features.items())


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy = serialize(settings.CONTENT_SECURITY_POLICY)
        # Wagtail renders a preview by running a dummy request for the page's own URL through
        # the middleware, then shows it in the admin's preview panel, an iframe of the admin.
        self.preview_policy = serialize(
            {**settings.CONTENT_SECURITY_POLICY, "frame-ancestors": ["'self'"]}
        )
        self.admin_policy = serialize(
            {**settings.CONTENT_SECURITY_POLICY, **settings.CSP_ADMIN_OVERRIDES}
        )
        self.permissions = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if settings.DEBUG and response.status_code >= 400:
            return response  # Django's debug pages style themselves inline
        if ENFORCED not in response and REPORT_ONLY not in response:
            if request.path.startswith(settings.CSP_REPORT_ONLY_PREFIXES):
                response[REPORT_ONLY] = self.admin_policy
            elif getattr(request, "is_dummy", False):
                response[ENFORCED] = self.preview_policy
            else:
                response[ENFORCED] = self.public_policy
        response.setdefault("Permissions-Policy", self.permissions)
        return response
