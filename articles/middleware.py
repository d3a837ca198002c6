"""WordPress's query-string URLs (/?p=123, /?page_id=7, /?cat=3, /?feed=rss2, /?author=2)
answered by the redirects the WordPress import made (articles/wordpress/redirects.py).

Wagtail's RedirectMiddleware looks for a redirect only when the page answers 404, but "/" is the
home page, which answers 200 whatever the query string, so /?p=123 would show the home page. This
looks the redirect up first, through the same function, and only for requests carrying one of
WordPress's parameters, so every other request costs nothing.
"""

from urllib.parse import urlencode

from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect
from django.urls import reverse
from wagtail.contrib.redirects.middleware import get_redirect
from wagtail.contrib.redirects.models import Redirect

WORDPRESS_PARAMETERS = ("p", "page_id", "cat", "feed", "author", "attachment_id")


class WordPressQueryRedirectMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and any(
            name in request.GET for name in WORDPRESS_PARAMETERS
        ):
            if self.admin_prefix is None:
                self.admin_prefix = reverse("wagtailadmin_home")
            # The admin's own listings page with ?p=.
            if not request.path.startswith(self.admin_prefix):
                redirect = self.find(request)
                if redirect is not None and redirect.link:
                    if redirect.is_permanent:
                        return HttpResponsePermanentRedirect(redirect.link)
                    return HttpResponseRedirect(redirect.link)
        return self.get_response(request)

    @staticmethod
    def find(request):
        path = Redirect.normalise_path(request.get_full_path(), decode_unicode=False)
        redirect = get_redirect(request, path)
        if redirect is None:  # other parameters too (?p=12&utm_source=…): the WordPress one alone
            for name in WORDPRESS_PARAMETERS:
                value = request.GET.get(name)
                if value:
                    bare = f"{request.path}?{urlencode({name: value})}"
                    redirect = get_redirect(request, Redirect.normalise_path(bare))
                    if redirect is not None:
                        break
        return redirect
