"""Forms on cached pages (home/public_forms.py): every public page type is shareable and sets no
cookie, and its form, posted by a visitor with no cookies at all (as one served from Varnish
is), goes through with Django's CSRF enforcement on; the same post from another site is
refused with a page saying why; forms for signed-in users keep Django's CSRF token."""

from io import StringIO
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, TestCase

from articles.models import ArticlePage, Comment, Subscriber
from articles.tests.utils import make_article, make_author, make_index, make_topic, reply_data
from home.tests.test_get_forms import demo_pages, submission
from therapists.models import ContactMessage, TherapistProfilePage
from therapists.tests.accounts_support import join_data
from therapists.tests.fixtures import directory_page, make_profile
from therapists.views import PROMPT_COOKIE

PUBLIC = "public, max-age=0, s-maxage=600"
SEARCH = "public, max-age=60, s-maxage=60"
SITE = "http://testserver"
EVIL = "https://evil.example"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def site_pages():
    index = make_index()
    topic, author = make_topic(), make_author()
    article = make_article(index, "Sleep and worry", authors=[author], topics=[topic])
    owner = get_user_model().objects.create_user("owner", "owner@therapists.example")
    profile = make_profile(
        directory_page(), "Mira Mossgiel", [("Portland", "OR", "97214")], owner=owner
    )
    return article, profile


def visitor():
    """A browser with no cookies, whose CSRF check Django would enforce."""
    return Client(enforce_csrf_checks=True)


def contact_data():
    return {
        "name": "Robin Reader",
        "email": "robin@example.com",
        "phone": "",
        "message": "Hello, do you have evening appointments?",
        "consent": "on",
        "website": "",
    }


def assert_shareable(response, cache_control=PUBLIC):
    assert response.status_code == 200
    assert response["Cache-Control"] == cache_control
    assert not response.cookies, f"sets {list(response.cookies)}"
    assert "csrfmiddlewaretoken" not in response.content.decode()


def test_every_public_page_type_is_shareable_and_sets_no_cookie(site_pages):
    article, profile = site_pages
    for path in [
        "/",
        article.url,
        "/articles/",
        "/articles/topics/anxiety/",
        "/articles/authors/maya-okafor/",
        profile.url,
        "/find-a-therapist/",
        "/find-a-therapist/?location=97214",
        "/find-a-therapist/locations/or/",
        "/join/",
        "/newsletter/",
    ]:
        response = visitor().get(path)
        assert_shareable(response)


def test_a_comment_from_a_cached_article_page(site_pages):
    article, _ = site_pages
    client = visitor()
    assert_shareable(client.get(article.url))
    response = client.post(article.url, reply_data(article), HTTP_ORIGIN=SITE)
    assert response.status_code == 302 and response["Location"].endswith("#reply")
    assert Comment.objects.get().status == Comment.Status.PENDING
    # The notice after the redirect: the messages cookie keeps that page out of the cache.
    assert "messages" in response.cookies
    after = client.get(response["Location"])
    assert "awaiting moderation" in after.content.decode()
    assert not after.has_header("Cache-Control") or "public" not in after["Cache-Control"]


def test_the_newsletter_from_a_cached_page(site_pages):
    client = visitor()
    assert_shareable(client.get("/"))
    data = {"email": "reader@example.com", "consent": "on", "leave_empty": ""}
    response = client.post("/newsletter/", data, HTTP_ORIGIN=SITE)
    assert response.status_code == 302
    assert Subscriber.objects.filter(email="reader@example.com").exists()
    assert len(mail.outbox) == 1


def test_a_message_from_a_cached_profile(site_pages):
    _, profile = site_pages
    client = visitor()
    assert_shareable(client.get(profile.url))
    # Without Origin, Referer names the page (our Referrer-Policy sends it to the same site).
    response = client.post(profile.url, contact_data(), HTTP_REFERER=SITE + profile.url)
    assert response.status_code == 302
    assert ContactMessage.objects.count() == 1


def test_joining_from_the_cached_join_page(site_pages):
    client = visitor()
    assert_shareable(client.get("/join/"))
    response = client.post("/join/", join_data(), HTTP_ORIGIN=SITE)
    assert response.status_code == 302
    assert get_user_model().objects.filter(email="maya@example.com", is_active=False).exists()


def test_dont_show_me_this_again_from_a_cached_page(site_pages):
    article, _ = site_pages
    client = visitor()
    page = client.get(article.url)
    assert_shareable(page)
    assert "Don't show me this again." in page.content.decode()
    response = client.post("/directory/hide-prompt/", {"next": article.url}, HTTP_ORIGIN=SITE)
    assert response.status_code == 302 and response.cookies[PROMPT_COOKIE].value == "1"
    # The other variant of the page (Varnish varies on this one cookie): still shareable.
    hidden = client.get(article.url)
    assert_shareable(hidden)
    assert "Don't show me this again." not in hidden.content.decode()


@pytest.mark.parametrize(
    "headers",
    [
        {"HTTP_ORIGIN": EVIL},
        {"HTTP_ORIGIN": "null"},
        {"HTTP_REFERER": EVIL + "/win-a-prize/"},
        {"HTTP_ORIGIN": SITE, "HTTP_SEC_FETCH_SITE": "cross-site"},
        {},  # neither Origin nor Referer: cannot be told from a forgery
    ],
    ids=["origin", "null-origin", "referer", "fetch-metadata", "no-origin"],
)
def test_posts_from_another_site_are_refused_with_a_reason(site_pages, headers):
    article, profile = site_pages
    posts = [
        (article.url, reply_data(article)),
        ("/newsletter/", {"email": "reader@example.com", "consent": "on"}),
        (profile.url, contact_data()),
        ("/join/", join_data()),
        ("/directory/hide-prompt/", {"next": "/"}),
    ]
    for path, data in posts:
        response = visitor().post(path, data, **headers)
        assert response.status_code == 403, path
        text = response.content.decode()
        assert "We could not accept this form" in text and "Nothing was saved or sent" in text
    assert not Comment.objects.exists() and not Subscriber.objects.exists()
    assert not ContactMessage.objects.exists() and not mail.outbox
    assert not get_user_model().objects.filter(email="maya@example.com").exists()


def test_the_sites_other_origins_are_accepted(site_pages, settings):
    settings.CSRF_TRUSTED_ORIGINS = ["https://www.mindwell.example"]
    data = {"email": "reader@example.com", "consent": "on"}
    origin = {"HTTP_ORIGIN": "https://www.mindwell.example"}
    assert visitor().post("/newsletter/", data, **origin).status_code == 302


def test_other_pages_keep_djangos_csrf_check(site_pages):
    # A POST to a page without public forms (the article index) needs Django's token.
    response = visitor().post("/articles/", {"q": "x"}, HTTP_ORIGIN=SITE)
    assert response.status_code == 403
    assert "We could not accept this form" not in response.content.decode()
    # Forms for signed-in users too: the admin's login.
    login = visitor().post(
        "/admin/login/", {"username": "owner", "password": "x"}, HTTP_ORIGIN=SITE
    )
    assert login.status_code == 403


class TestEveryPostFormOnTheDemoSite(TestCase):
    """Every page type of the demo site, and every POST form found on it (a new one is covered
    without changing the test): the page is shareable, and the form as rendered, posted by a
    visitor without cookies, gets past CSRF to the form's own answer (its errors, or done)."""

    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=StringIO())

    def pages(self):
        return demo_pages() + ["/join/", "/newsletter/", "/about/"]

    def test_pages_are_shareable_and_their_forms_post_without_cookies(self):
        posted = set()
        for page_url in self.pages():
            cache.clear()  # rate limits: this test posts the footer's form from every page
            response = visitor().get(page_url)
            # Search results keep a minute in Varnish too: no purge can name them.
            short = page_url.startswith("/search/")
            with self.subTest(page=page_url):
                assert_shareable(response, SEARCH if short else PUBLIC)
            soup = BeautifulSoup(response.content, "html.parser")
            for form in soup.find_all("form", method=lambda m: m and m.lower() == "post"):
                url, pairs = submission(form, soup, page_url)
                path = urlsplit(url).path
                posted.add(path)
                answer = visitor().post(path, dict(pairs), HTTP_ORIGIN=SITE)
                with self.subTest(page=page_url, form=path):
                    self.assertIn(answer.status_code, {200, 302, 400}, answer.content[:300])
        article = ArticlePage.objects.live().first()
        profile = TherapistProfilePage.objects.live().first()
        # Comment, newsletter, contact, join and the prompt's dismissal were all found.
        self.assertLessEqual(
            {article.url, "/newsletter/", profile.url, "/join/", "/directory/hide-prompt/"},
            posted,
        )
