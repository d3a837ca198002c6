from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import TemplateView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.media import serve_media
from home.sitemaps import Sitemap

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, {"sitemaps": {"wagtail": Sitemap}}, name="sitemap"),
    path("directory/", include("therapists.urls")),
    # Article search (/search/ and its suggestions).
    path("search/", include("search.urls")),
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
    # Uploaded images and documents; a front web server or object storage does this
    # better in a large deployment (docs/operations.md, "Deploy").
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve_media, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += [
    # Wagtail's page serving comes last: it owns every path not matched above.
    path("", include(wagtail_urls)),
]
