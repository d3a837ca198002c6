"""A URLconf for tests of the site's error pages: a view that fails and one that paginates."""

from django.http import HttpResponse
from django.urls import path

from home.pagination import paginate


def boom(request):
    raise RuntimeError("deliberate failure for the 500-page test")


def listing(request):
    page = paginate(request, list(range(30)), per_page=10)
    return HttpResponse(", ".join(str(item) for item in page))


urlpatterns = [path("boom/", boom), path("list/", listing)]
