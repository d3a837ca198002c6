from django.conf import settings
from django.urls import include, path, re_path
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail import views as wagtail_views
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.media import no_such_document, serve_media
from home.password_reset import RateLimitedPasswordResetView
from home.security_txt import security_txt
from home.sitemaps import Sitemap

# Never through the CSRF machinery, which would read the body being refused (home/request_guard.py).
handler400 = "home.request_guard.bad_request"

urlpatterns = [
    # Wagtail's password reset with per-client and per-address limits (home/password_reset.py).
    path(
        "admin/password_reset/",
        RateLimitedPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path("admin/", include(wagtailadmin_urls)),
    # Ids of 19 digits or more fit no bigint: answered before Wagtail's view (home/media.py).
    re_path(r"^documents/\d{19,}/", no_such_document),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": Sitemap}}, name="sitemap"),
    path("directory/", include("therapists.urls")),
    # Article search (/search/ and its suggestions).
    path("search/", include("search.urls")),
    path(".well-known/security.txt", security_txt, name="security_txt"),
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots_txt",
    ),
    # Therapists: /join/ and /account/.
    path("", include("therapists.account_urls")),
    # The newsletter's pages (/newsletter/…).
    path("", include("articles.urls")),
]

if settings.SERVE_MEDIA:
    # Image renditions and admin avatars only (a front web server or object storage does this
    # better in a large deployment: docs/operations.md, "Deploy"). Original images and
    # documents are never served from here: documents go through Wagtail's view, which checks
    # collection privacy (docs/security.md, "Private uploads").
    urlpatterns += [
        # serve_media: renditions immutable, an over-long name a 404 (home/media.py).
        re_path(r"^media/(?P<path>(?:images|avatar_images)/[^/]+)$", serve_media),
    ]

urlpatterns += [
    # Wagtail's page serving comes last: it owns every path not matched above. Exempt from the
    # CSRF middleware so pages with public forms can be cached: a before_serve_page hook checks
    # each page's POSTs instead, Django's way unless the page takes public forms
    # (home/public_forms.py).
    re_path(wagtail_urls.serve_pattern, csrf_exempt(wagtail_views.serve), name="wagtail_serve"),
    path("", include(wagtail_urls)),
]
