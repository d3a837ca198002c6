"""The page cache (deploy/varnish/mindwell.vcl) and the purge helper (home/frontend_cache.py)
against a real Varnish, started the way `make serve` starts it (deploy.stack.Stack), in front of
a small recording backend: what is kept, what always reaches Django, purges, grace.

Needs Debian's varnish and varnish-modules (`make serve` and `.ci/run` install them); without
them these tests are skipped with that reason, except in CI, where they must run.
"""

import gzip
import http.client
import os
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.test import override_settings

from deploy.preflight import missing_packages
from deploy.stack import Stack
from home.frontend_cache import SITE_KEY, purge_keys, purge_urls

pytestmark = pytest.mark.skipif(
    bool(missing_packages()) and not os.environ.get("CI"),
    reason="Varnish is not installed (apt-get install varnish varnish-modules)",
)
PUBLIC = "public, max-age=0, s-maxage=600"
IMMUTABLE = "public, max-age=31536000, immutable"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Backend:
    """An HTTP server standing in for gunicorn: answers by path, records every request."""

    def __init__(self, port):
        self.port = port
        self.requests = []
        self.server = None

    def handler(backend):  # noqa: N805 (the handler class closes over the backend)
        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                backend.requests.append((self.command, self.path, dict(self.headers)))
                status, headers, body = backend.answer(self.path)
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_GET  # noqa: N815

            def log_message(self, *args):
                pass

        return Handler

    def answer(self, path):
        html = {"Content-Type": "text/html; charset=utf-8"}
        page = f"<p>{path} answer {len(self.requests)}</p>".encode() * 40
        if path == "/robots.txt":
            return 200, {"Content-Type": "text/plain"}, b"User-agent: *\n"
        if path.startswith("/media/images/immutable/"):
            headers = {"Content-Type": "image/webp", "Cache-Control": IMMUTABLE}
            return 200, headers, b"RIFF....WEBP"
        if path.startswith("/media/images/"):
            return 200, {"Content-Type": "image/webp"}, b"RIFF....WEBP"
        if path.startswith("/private/"):
            return 200, {**html, "Cache-Control": "private"}, page
        if path.startswith("/undeclared/"):
            return 200, html, page
        if path.startswith("/sets-cookie/"):
            return 200, {**html, "Cache-Control": PUBLIC, "Set-Cookie": "csrftoken=x"}, page
        if path.startswith("/short/"):
            return 200, {**html, "Cache-Control": "public, max-age=1, s-maxage=1"}, page
        key = "page-1" if path.startswith("/one/") else "page-2"
        return 200, {**html, "Cache-Control": PUBLIC, "xkey": f"{SITE_KEY} {key}"}, page

    def hits(self, path):
        return sum(1 for _, seen, _ in self.requests if seen == path)

    def start(self):
        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), self.handler())
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture(scope="module")
def cache():
    backend = Backend(free_port())
    backend.start()
    stack = Stack(
        dict(os.environ),
        port=free_port(),
        backend_port=backend.port,
        gunicorn=False,
        worker=False,
        cache_size="16m",
        quiet=True,
    )
    with stack:
        yield stack, backend
    backend.stop()


@pytest.fixture
def purging(cache):
    stack, _ = cache
    with override_settings(FRONTEND_CACHE_URL=f"http://127.0.0.1:{stack.port}"):
        yield


def get(cache, path, method="GET", source="127.0.0.1", **headers):
    stack, _ = cache
    connection = http.client.HTTPConnection(
        "127.0.0.1", stack.port, timeout=10, source_address=(source, 0)
    )
    connection.request(method, path, headers={"Host": "mindwell.example", **headers})
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_a_public_page_is_fetched_once_and_served_compressed(cache):
    _, backend = cache
    first, _ = get(cache, "/two/a/")
    second, body = get(cache, "/two/a/", **{"Accept-Encoding": "gzip"})
    assert (first.getheader("X-Cache"), second.getheader("X-Cache")) == ("miss", "hit")
    assert backend.hits("/two/a/") == 1
    assert second.getheader("Content-Encoding") == "gzip"
    assert gzip.decompress(body).startswith(b"<p>/two/a/ answer")
    # Keys are for purging here; the browser's max-age counts from now, not from the fetch.
    assert second.getheader("xkey") is None and second.getheader("Age") is None
    assert second.getheader("Cache-Control") == PUBLIC


def test_anonymous_cookies_are_dropped_but_the_prompt_picks_a_variant(cache):
    _, backend = cache
    get(cache, "/two/b/", Cookie="_ga=GA1.2.3; theme=dark")
    again, _ = get(cache, "/two/b/", Cookie="other=1")
    assert again.getheader("X-Cache") == "hit"
    assert "Cookie" not in backend.requests[-1][2]
    hidden, body = get(cache, "/two/b/", Cookie="_ga=1; hide_find_therapist_prompt=1")
    assert hidden.getheader("X-Cache") == "miss"  # the other variant
    assert backend.requests[-1][2]["Cookie"] == "hide_find_therapist_prompt=1"
    assert get(cache, "/two/b/", Cookie="hide_find_therapist_prompt=1")[0].getheader("X-Cache") == (
        "hit"
    )
    assert backend.hits("/two/b/") == 2


@pytest.mark.parametrize("cookie", ["sessionid=abc", "csrftoken=abc", "messages=abc"])
def test_a_visitor_with_a_session_form_or_message_cookie_reaches_django(cache, cookie):
    _, backend = cache
    path = f"/two/{cookie.split('=')[0]}/"
    for _ in range(2):
        response, _ = get(cache, path, Cookie=f"_ga=1; {cookie}")
        assert response.getheader("X-Cache") == "pass"
    assert backend.hits(path) == 2
    assert cookie in backend.requests[-1][2]["Cookie"]


@pytest.mark.parametrize(
    "path",
    [
        "/admin/pages/3/edit/preview/",
        "/django-admin/",
        "/join/verify/token123/",
        "/account/",
        "/newsletter/confirm/token123/",
        "/newsletter/unsubscribe/token123/",
        "/private/page/",
        "/undeclared/page/",
        "/sets-cookie/page/",
    ],
)
def test_never_kept(cache, path):
    _, backend = cache
    for _ in range(2):
        response, _ = get(cache, path)
        assert response.status == 200
        assert response.getheader("X-Cache") in {"miss", "pass"}
    assert backend.hits(path) == 2


def test_post_answers_are_never_kept(cache):
    _, backend = cache
    get(cache, "/two/form/")
    for _ in range(2):
        response, _ = get(cache, "/two/form/", method="POST", **{"Content-Length": "0"})
        assert response.getheader("X-Cache") == "pass"
    assert backend.hits("/two/form/") == 3


def test_renditions_keep_for_a_month(cache):
    _, backend = cache
    get(cache, "/media/images/photo.fill-480x270.webp")
    response, _ = get(cache, "/media/images/photo.fill-480x270.webp")
    assert response.getheader("X-Cache") == "hit"
    assert response.getheader("Cache-Control") == "public, max-age=2592000"
    assert backend.hits("/media/images/photo.fill-480x270.webp") == 1


def test_renditions_django_marks_immutable_keep_their_year(cache):
    _, backend = cache
    path = "/media/images/immutable/photo.fill-480x270.webp"
    get(cache, path)
    response, _ = get(cache, path)
    assert response.getheader("X-Cache") == "hit"
    assert response.getheader("Cache-Control") == IMMUTABLE
    assert backend.hits(path) == 1


def test_the_client_address_reaches_django_and_cannot_be_forged(cache):
    _, backend = cache
    get(cache, "/private/ip/", source="127.0.0.2", **{"X-Real-IP": "203.0.113.9"})
    assert backend.requests[-1][2]["X-Real-IP"] == "127.0.0.2"
    # A TLS terminator on this machine may say who the client is.
    get(cache, "/private/ip/", **{"X-Real-IP": "203.0.113.9"})
    assert backend.requests[-1][2]["X-Real-IP"] == "203.0.113.9"


def test_purge_urls_drops_every_variant_of_a_url(cache, purging):
    get(cache, "/two/purge-url/")
    get(cache, "/two/purge-url/", Cookie="hide_find_therapist_prompt=1")
    assert purge_urls("https://mindwell.example/two/purge-url/") == 1
    assert get(cache, "/two/purge-url/")[0].getheader("X-Cache") == "miss"
    hidden = get(cache, "/two/purge-url/", Cookie="hide_find_therapist_prompt=1")[0]
    assert hidden.getheader("X-Cache") == "miss"


def test_purge_keys_drops_the_tagged_pages_only(cache, purging):
    for path in ("/one/x/", "/one/y/", "/two/z/"):
        get(cache, path)
    assert purge_keys("page-1") == 2
    assert get(cache, "/one/x/")[0].getheader("X-Cache") == "miss"
    assert get(cache, "/two/z/")[0].getheader("X-Cache") == "hit"
    assert purge_keys(SITE_KEY) >= 3
    assert get(cache, "/two/z/")[0].getheader("X-Cache") == "miss"


def test_purges_are_refused_from_elsewhere(cache):
    get(cache, "/two/kept/")
    refused, _ = get(cache, "/two/kept/", method="PURGE", source="127.0.0.2")
    assert refused.status == 403
    keys, _ = get(cache, "/", method="PURGE", source="127.0.0.2", **{"xkey-purge": SITE_KEY})
    assert keys.status == 403
    assert get(cache, "/two/kept/")[0].getheader("X-Cache") == "hit"


def test_cached_pages_outlive_the_backend_and_the_rest_says_so(cache):
    stack, backend = cache
    get(cache, "/short/page/")
    backend.stop()
    try:
        # Past its 1 s lifetime, and past the 10 s a healthy backend allows: served only
        # because fetching failed (grace while gunicorn restarts).
        time.sleep(12)
        stale, body = get(cache, "/short/page/")
        assert stale.status == 200 and body.startswith(b"<p>/short/page/ answer")
        missing, body = get(cache, "/two/never-fetched/")
        assert missing.status == 503
        assert b"MindWell is restarting" in body and b"988" in body
        assert missing.getheader("Retry-After") == "30"
    finally:
        backend.start()
    # Back up: fetched afresh.
    time.sleep(0.5)
    assert get(cache, "/two/never-fetched/")[0].status == 200
