"""The whole site behind the real Varnish (deploy/varnish/mindwell.vcl, started as `make serve`
starts it) in front of Django's live test server: pages are served from the cache, forms on a
cached page work for a visitor with no cookies, and a comment's approval or a publication is
visible through the cache within a second. The same in a browser: test_page_cache_browser.py.

Needs Debian's varnish and varnish-modules, as test_varnish.py does (fixtures: conftest.py).
"""

import http.client
import re
import time
from urllib.parse import urlencode

from articles.models import Comment
from articles.tests.utils import make_article, make_comment
from home.tests.conftest import needs_varnish

pytestmark = needs_varnish
HOST = "testserver"  # BASE_URL in the test settings
ORIGIN = f"http://{HOST}"
VISIBLE_WITHIN = 1.0  # seconds, issue 14's bar for a change to show through the cache


def request(stack, path, method="GET", body=None, **headers):
    connection = http.client.HTTPConnection("127.0.0.1", stack.port, timeout=15)
    headers = {"Host": HOST, **headers}
    if body is not None:
        body = urlencode(body, doseq=True)
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    connection.request(method, path, body=body, headers=headers)
    response = connection.getresponse()
    text = response.read().decode("utf-8", "replace")
    connection.close()
    return response, text


def until_visible(stack, path, text, **headers):
    """Seconds until `path` through the cache shows `text` (fails past VISIBLE_WITHIN)."""
    started = time.monotonic()
    while True:
        _, page = request(stack, path, **headers)
        elapsed = time.monotonic() - started
        if text in page:
            return elapsed
        assert elapsed < VISIBLE_WITHIN, f"{text!r} not on {path} after {elapsed:.2f} s"
        time.sleep(0.05)


def test_a_cached_article_takes_a_comment_from_a_visitor_without_cookies(cached_site):
    stack, article = cached_site
    first, _ = request(stack, article.url)
    second, page = request(stack, article.url)
    assert (first.getheader("X-Cache"), second.getheader("X-Cache")) == ("miss", "hit")
    assert first.getheader("Set-Cookie") is None
    # The form as the cached page carries it, posted with no cookie at all.
    token = re.search(r'name="started" value="([^"]+)"', page).group(1)
    reply = {
        "name": "Jamie",
        "email": "jamie@example.com",
        "website": "",
        "body": "This helped me.",
        "started": token,
        "leave_empty": "",
    }
    posted, _ = request(stack, article.url, "POST", reply, Origin=ORIGIN)
    assert posted.status == 302 and posted.getheader("X-Cache") == "pass"
    notice_cookie = posted.getheader("Set-Cookie").split(";")[0]
    assert notice_cookie.startswith("messages=")
    after, text = request(stack, article.url, Cookie=notice_cookie)
    assert after.getheader("X-Cache") == "pass"
    assert "awaiting moderation" in text
    assert Comment.objects.get(name="Jamie").status == Comment.Status.PENDING
    # Everyone else still gets the cached page, without the notice.
    again, text = request(stack, article.url)
    assert again.getheader("X-Cache") == "hit" and "awaiting moderation" not in text


def test_a_cross_site_post_through_the_cache_is_refused(cached_site):
    stack, article = cached_site
    response, text = request(
        stack,
        "/newsletter/",
        "POST",
        {"email": "a@example.com", "consent": "on"},
        Origin="https://evil.example",
    )
    assert response.status == 403 and "We could not accept this form" in text


def test_an_approved_comment_shows_on_its_article_and_in_recent_comments_within_a_second(
    cached_site,
):
    stack, article = cached_site
    pending = make_comment(article, name="Newcomer", status=Comment.Status.PENDING)
    for path in (article.url, "/articles/", "/articles/topics/anxiety/"):
        request(stack, path)
        cached, page = request(stack, path)
        assert cached.getheader("X-Cache") == "hit" and "Newcomer" not in page
    pending.moderate(Comment.Status.APPROVED)
    pending.save()  # autocommit: the purge goes out now
    for path in (article.url, "/articles/", "/articles/topics/anxiety/"):
        print(f"approval visible on {path} after {until_visible(stack, path, 'Newcomer'):.3f} s")
    # Withdrawn: gone again, everywhere.
    pending.moderate(Comment.Status.REJECTED)
    pending.save()
    time.sleep(0.2)
    for path in (article.url, "/articles/"):
        assert "Newcomer" not in request(stack, path)[1]


def test_a_publication_shows_on_the_cached_home_page_and_feed_within_a_second(cached_site):
    stack, article = cached_site
    for path in ("/", "/articles/feed/", "/sitemap.xml"):
        request(stack, path)
        assert request(stack, path)[0].getheader("X-Cache") == "hit"
    index = article.get_parent().specific
    fresh = make_article(index, "Breathing through panic", slug="breathing-through-panic")
    elapsed = until_visible(stack, "/", "Breathing through panic")
    print(f"publication visible on / after {elapsed:.3f} s")
    until_visible(stack, "/articles/feed/", "Breathing through panic")
    until_visible(stack, "/sitemap.xml", fresh.url)
