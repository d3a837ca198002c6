"""A stand-in for an article page that shows the "Find the Right Therapist" prompt."""

import urls as site_urls
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("article/", TemplateView.as_view(template_name="therapists_tests/prompt-host.html")),
    path("", include(site_urls)),
]
