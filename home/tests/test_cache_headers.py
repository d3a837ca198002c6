"""The page cache's contract on the Django side: which responses say they may be shared
(home/cache_headers.py), surrogate keys and purges that never fail the caller
(home/frontend_cache.py). Varnish itself: test_varnish.py."""

import socket

import pytest
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from home.cache_headers import PublicPageCacheMiddleware, is_public_response
from home.frontend_cache import SITE_KEY, add_surrogate_keys, purge_keys, purge_urls

PUBLIC = "public, max-age=0, s-maxage=600"


def respond(path="/articles/", method="get", response=None, **request_extra):
    request = getattr(RequestFactory(), method)(path, **request_extra)
    middleware = PublicPageCacheMiddleware(lambda request: response or HttpResponse("<p>Hi</p>"))
    return middleware(request)


def test_an_anonymous_public_page_may_be_shared_and_names_the_site_key():
    response = respond()
    assert response["Cache-Control"] == PUBLIC
    assert response["xkey"] == SITE_KEY
    assert respond(method="head")["Cache-Control"] == PUBLIC


@override_settings(PAGE_CACHE_MAX_AGE=5, PAGE_CACHE_SHARED_MAX_AGE=3600)
def test_lifetimes_come_from_settings():
    assert respond()["Cache-Control"] == "public, max-age=5, s-maxage=3600"


def test_search_results_keep_only_briefly_in_varnish_too():
    # No purge can name every query's results page.
    assert respond("/search/?q=anxiety")["Cache-Control"] == "public, max-age=60, s-maxage=60"
    assert respond("/search/suggest/?q=an")["Cache-Control"] == "public, max-age=60, s-maxage=60"


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pages/3/edit/preview/",
        "/django-admin/",
        "/join/verify/abc/",
        "/join/check-your-email/",
        "/account/email/abc/",
        "/newsletter/confirm/abc/",
        "/newsletter/unsubscribe/abc/",
        "/newsletter/check-your-email/",
    ],
)
def test_per_visitor_and_token_pages_are_never_shared(path):
    response = respond(path)
    assert not response.has_header("Cache-Control") and not response.has_header("xkey")


def test_only_successful_gets_are_shared():
    assert not respond(method="post").has_header("Cache-Control")
    assert not respond(response=HttpResponse(status=404)).has_header("Cache-Control")
    assert not respond(response=HttpResponse(status=302)).has_header("Cache-Control")


def test_signed_in_or_authenticating_visitors_are_not_shared():
    factory = RequestFactory()
    signed_in = factory.get("/articles/", HTTP_COOKIE="sessionid=abc")
    assert not is_public_response(signed_in, HttpResponse())
    with_credentials = factory.get("/articles/", HTTP_AUTHORIZATION="Basic eDp5")
    assert not is_public_response(with_credentials, HttpResponse())
    preview = factory.get("/articles/")
    preview.is_preview = True
    assert not is_public_response(preview, HttpResponse())


def test_a_response_that_sets_a_cookie_or_chose_its_own_caching_is_left_alone():
    with_cookie = HttpResponse()
    with_cookie.set_cookie("csrftoken", "abc")
    assert not respond(response=with_cookie).has_header("Cache-Control")
    never = HttpResponse(headers={"Cache-Control": "max-age=0, no-cache, no-store, private"})
    assert respond(response=never)["Cache-Control"] == "max-age=0, no-cache, no-store, private"
    expires = HttpResponse(headers={"Expires": "Thu, 01 Jan 1970 00:00:00 GMT"})
    assert not respond(response=expires).has_header("Cache-Control")


@pytest.mark.django_db
def test_real_pages(client):
    robots = client.get("/robots.txt")
    assert robots["Cache-Control"] == PUBLIC and robots["xkey"] == SITE_KEY
    # The home page's newsletter form carries no CSRF token (home/public_forms.py), so the page
    # sets no cookie and may be shared.
    home = client.get("/")
    assert not home.cookies and home["Cache-Control"] == PUBLIC
    assert not client.get("/no-such-page/").has_header("Cache-Control")


def test_surrogate_keys_are_added_once_each():
    response = HttpResponse()
    add_surrogate_keys(response, "page-3", SITE_KEY)
    add_surrogate_keys(response, SITE_KEY, "topic-anxiety")
    assert response["xkey"] == "page-3 site topic-anxiety"
    for bad in ("two words", "a,b", ""):
        with pytest.raises(ValueError):
            add_surrogate_keys(response, bad)


def test_purges_do_nothing_without_a_cache():
    with override_settings(FRONTEND_CACHE_URL=""):
        assert purge_keys(SITE_KEY) is None
        assert purge_urls("/") == 0
    assert purge_keys() == 0


def test_purges_fail_soft_when_the_cache_is_down(caplog):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with override_settings(FRONTEND_CACHE_URL=f"http://127.0.0.1:{port}"):
        assert purge_keys(SITE_KEY) is None
        assert purge_urls("/a/", "/b/") == 0
    assert len([r for r in caplog.records if "could not be reached" in r.getMessage()]) == 3
