"""BASE_URL says where the site is served: every absolute link is built from it and the default
Site record follows it (PRODUCT.md, "Interface contracts"; docs/configuration.md, "BASE_URL and
the Site record")."""

import io
import json
import re
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, Site

from articles import newsletter
from articles.models import Subscriber
from articles.models.commenting import notify_moderators
from articles.tests.utils import (
    make_article,
    make_author,
    make_comment,
    make_image,
    make_index,
    make_topic,
    soup,
)
from home.absolute import absolute_url, on_base_url, page_url, sync_default_site
from settings.parsers import join_base_url, split_base_url
from therapists import accounts
from therapists.tests.accounts_support import join_data, make_therapist
from therapists.tests.fixtures import directory_page, make_profile

REPO_ROOT = Path(__file__).resolve().parents[2]
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ATOM = "{http://www.w3.org/2005/Atom}"
# A BASE_URL the Site record can hold, and one it cannot (https on a port other than 443).
SERVED = "http://mindwell.test:8800"
SERVED_TLS_ELSEWHERE = "https://mindwell.test:8443"


def served_at(url):
    return override_settings(BASE_URL=url, WAGTAILADMIN_BASE_URL=url)


@pytest.fixture(autouse=True)
def _forget_site_root_urls():
    """Wagtail caches the sites' root URLs outside the test's transaction."""
    yield
    Site.clear_site_root_paths_cache()


def links_in(text):
    return re.findall(r"https?://[^\s<>\"')]+", text)


def assert_links_on(base, text):
    links = links_in(text)
    assert links, "no links found"
    assert all(link.startswith(base + "/") for link in links), links


class TestSetting:
    @pytest.mark.parametrize(
        "value, expected",
        [
            ("http://127.0.0.1:8000", "http://127.0.0.1:8000"),
            ("HTTPS://MindWell.Example/", "https://mindwell.example"),
            ("http://mindwell.example:80", "http://mindwell.example"),
            ("https://mindwell.example:443", "https://mindwell.example"),
            ("https://mindwell.example:8443", "https://mindwell.example:8443"),
            ("http://[::1]:8000", "http://[::1]:8000"),
        ],
    )
    def test_normalised(self, value, expected):
        assert join_base_url(*split_base_url(value)) == expected

    @pytest.mark.parametrize(
        "value",
        [
            "mindwell.example",
            "ftp://mindwell.example",
            "https://mindwell.example/blog/",
            "https://mindwell.example/?a=1",
            "http://mindwell.example:port",
            "http://mindwell.example:99999",
            "http://admin:secret@mindwell.example",
            "http://",
        ],
    )
    def test_refused_with_a_clear_message(self, value):
        with pytest.raises(ImproperlyConfigured, match="BASE_URL must be a scheme, a host"):
            split_base_url(value)


class TestHelpers:
    @served_at(SERVED)
    def test_paths_and_urls(self):
        assert absolute_url("/newsletter/") == f"{SERVED}/newsletter/"
        assert absolute_url("https://cdn.example/a.png") == "https://cdn.example/a.png"
        assert on_base_url("http://localhost/articles/?page=2#top") == (
            f"{SERVED}/articles/?page=2#top"
        )
        with pytest.raises(ValueError):
            absolute_url("articles/")


@pytest.mark.django_db
class TestSiteRecord:
    def test_migrate_made_the_test_database_follow_base_url(self):
        # home/0002 creates localhost:80 without a name; migrate's post_migrate moved it.
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port, site.site_name) == ("testserver", 80, "MindWell")

    def test_migrate_moves_the_default_site_when_base_url_changes(self):
        with served_at(SERVED), override_settings(WAGTAIL_SITE_NAME="Calm Harbour"):
            out = io.StringIO()
            call_command("migrate", verbosity=1, stdout=out)
            site = Site.objects.get(is_default_site=True)
            assert (site.hostname, site.port, site.site_name) == (
                "mindwell.test",
                8800,
                "Calm Harbour",
            )
            assert f"The default site is now {SERVED} (Calm Harbour)." in out.getvalue()
            # Wagtail's own absolute URLs agree with ours.
            home = site.root_page
            assert home.full_url == page_url(home) == f"{SERVED}/"
            # Running it again changes nothing.
            assert sync_default_site() is None

    def test_https_on_443_is_port_443(self):
        with served_at("https://mindwell.example"):
            sync_default_site()
            site = Site.objects.get(is_default_site=True)
            assert (site.hostname, site.port) == ("mindwell.example", 443)
            assert site.root_url == "https://mindwell.example"

    def test_load_demo_content_moves_it_too(self):
        command = "home.management.commands.load_demo_content"
        with served_at(SERVED), mock.patch(f"{command}.demo_loaders", return_value=[]):
            out = io.StringIO()
            call_command("load_demo_content", stdout=out)
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port) == ("mindwell.test", 8800)
        assert f"The default site is now {SERVED}." in out.getvalue()

    def test_another_site_already_there_keeps_the_default_where_it_is(self):
        Site.objects.create(
            hostname="mindwell.test", port=8800, root_page=Page.objects.get(depth=1)
        )
        with served_at(SERVED), override_settings(WAGTAIL_SITE_NAME="Calm Harbour"):
            sync_default_site()
        site = Site.objects.get(is_default_site=True)
        assert (site.hostname, site.port, site.site_name) == ("testserver", 80, "Calm Harbour")

    def test_the_admin_names_the_site(self, client, django_user_model):
        client.force_login(django_user_model.objects.create_superuser("ada", "a@example.com", "pw"))
        # As home/0002 leaves it, the page explorer's site filter says "localhost [default]".
        Site.objects.filter(is_default_site=True).update(hostname="localhost", site_name="")
        Site.clear_site_root_paths_cache()
        assert "localhost [default]" in client.get("/admin/pages/").content.decode()
        with override_settings(WAGTAIL_SITE_NAME="Calm Harbour"):
            sync_default_site()
        explorer = client.get("/admin/pages/").content.decode()
        assert "Calm Harbour [default]" in explorer
        assert "localhost" not in explorer
        assert "localhost" not in client.get("/admin/sites/").content.decode()


@pytest.fixture(params=[(SERVED, True), (SERVED_TLS_ELSEWHERE, False)], ids=["synced", "stale"])
def base(request):
    """Served at a non-default BASE_URL: once with the Site record moved there (as `migrate`
    does), once with the Site record left behind (links must not depend on it)."""
    url, sync = request.param
    with served_at(url):
        if sync:
            sync_default_site()
        yield url


@pytest.fixture
def content(django_user_model):
    index = make_index()
    anxiety = make_topic("Anxiety")
    maya = make_author("Maya Okafor")
    article = make_article(
        index,
        "Panic in the moment",
        slug="panic",
        authors=[maya],
        topics=[anxiety],
        hero_image=make_image(),
    )
    owner = django_user_model.objects.create_user("mira", "mira@therapists.example")
    profile = make_profile(
        directory_page(), "Ana Alder", [("Portland", "OR", "97214")], owner=owner
    )
    return {"index": index, "article": article, "profile": profile}


@pytest.mark.django_db
class TestPublicLinks:
    def test_feed(self, client, base, content):
        channel = ET.fromstring(client.get("/articles/feed/").content).find("channel")
        assert channel.findtext("link") == f"{base}/articles/"
        assert channel.find(f"{ATOM}link").get("href") == f"{base}/articles/feed/"
        (item,) = channel.findall("item")
        assert item.findtext("link") == f"{base}/articles/panic/"
        assert item.findtext("guid") == f"{base}/articles/panic/"
        topic = ET.fromstring(client.get("/articles/topics/anxiety/feed/").content)
        assert topic.find("channel").findtext("link") == f"{base}/articles/topics/anxiety/"

    def test_sitemap_and_robots(self, client, base, content):
        root = ET.fromstring(client.get("/sitemap.xml").content)
        locations = [loc.text for loc in root.iter(f"{SITEMAP}loc")]
        assert f"{base}/articles/panic/" in locations
        assert f"{base}/articles/authors/maya-okafor/" in locations
        assert f"{base}/find-a-therapist/ana-alder/" in locations
        assert f"{base}/find-a-therapist/locations/or/portland/" in locations
        assert all(location.startswith(f"{base}/") for location in locations), locations
        robots = client.get("/robots.txt").content.decode()
        assert f"Sitemap: {base}/sitemap.xml" in robots

    def test_article_canonical_open_graph_and_json_ld(self, client, base, content):
        page = soup(client.get("/articles/panic/"))
        assert page.find("link", rel="canonical")["href"] == f"{base}/articles/panic/"
        meta = {tag["property"]: tag["content"] for tag in page.find_all("meta", property=True)}
        assert meta["og:url"] == f"{base}/articles/panic/"
        assert meta["og:image"].startswith(f"{base}/media/images/")
        data = json.loads(page.find("script", type="application/ld+json").string)
        assert data["url"] == data["mainEntityOfPage"]["@id"] == f"{base}/articles/panic/"
        assert data["author"]["url"] == f"{base}/articles/authors/maya-okafor/"
        assert data["image"].startswith(f"{base}/media/images/")

    @pytest.mark.parametrize(
        "path",
        [
            "/",
            "/articles/",
            "/articles/topics/anxiety/",
            "/find-a-therapist/",
            "/find-a-therapist/locations/or/",
            "/newsletter/",
            "/join/",
        ],
    )
    def test_canonical_of_other_pages(self, client, base, content, path):
        page = soup(client.get(path))
        assert page.find("link", rel="canonical")["href"] == f"{base}{path}"

    def test_profile_json_ld(self, client, base, content):
        page = soup(client.get("/find-a-therapist/ana-alder/"))
        data = json.loads(page.find("script", type="application/ld+json").string)
        assert data["url"] == f"{base}/find-a-therapist/ana-alder/"


@pytest.mark.django_db
class TestEmailLinks:
    def test_newsletter_confirmation(self, base):
        newsletter.request_subscription("reader@example.com")
        (message,) = mail.outbox
        assert f"{base}/newsletter/confirm/" in message.body
        assert f"{base}/newsletter/unsubscribe/" in message.body
        assert_links_on(base, message.body)
        assert_links_on(base, message.alternatives[0][0])
        assert message.extra_headers["List-Unsubscribe"].startswith(f"<{base}/newsletter/")

    def test_newsletter_digest(self, base, content):
        subscriber = Subscriber.objects.create(
            email="ana@example.com", status=Subscriber.Status.CONFIRMED
        )
        issue, articles, _ = newsletter.prepare_issue()
        message = newsletter.digest_email(issue, newsletter.digest_items(articles), subscriber)
        assert f"{base}/articles/panic/" in message.body
        assert f"{base}/newsletter/unsubscribe/{subscriber.token}/" in message.body
        assert_links_on(base, message.body)
        assert_links_on(base, message.alternatives[0][0])

    def test_comment_notification(self, django_user_model, base, content):
        moderator = django_user_model.objects.create_user("mona", "mona@example.com", "pw")
        moderator.groups.add(Group.objects.get(name="Moderators"))
        notify_moderators(make_comment(content["article"], status="pending"))
        (message,) = mail.outbox
        assert f"{base}/admin/articles/comment/?status__exact=pending" in message.body
        assert f"{base}/articles/panic/" in message.body
        assert_links_on(base, message.body)

    def test_therapist_join_and_email_change(self, client, base):
        directory_page()
        cache.clear()  # the join form's rate limit counts in the cache
        response = client.post("/join/", join_data("Maya Okafor", "maya@example.com"))
        assert response.status_code == 302
        (verify,) = mail.outbox
        assert f"{base}/join/verify/" in verify.body
        assert_links_on(base, verify.body)

        user = make_therapist("Ben Other", "ben@example.com")
        mail.outbox.clear()
        accounts.request_email_change(user, "ben.new@example.com")
        change = next(m for m in mail.outbox if m.to == ["ben.new@example.com"])
        assert f"{base}/account/email/" in change.body
        assert_links_on(base, change.body)

    def test_password_reset(self, client, django_user_model, base):
        django_user_model.objects.create_user("maya", "maya@example.com", "calm-river-4821")
        client.post("/admin/password_reset/", {"email": "maya@example.com"})
        (message,) = mail.outbox
        assert f"{base}/admin/password_reset/confirm/" in message.body
        assert_links_on(base, message.body)

    def test_message_to_a_therapist(self, client, base, content):
        cache.clear()
        profile = content["profile"]
        client.post(
            profile.url,
            {
                "name": "Robin Reader",
                "email": "robin@example.com",
                "message": "Do you have evening appointments?",
                "consent": "on",
            },
            REMOTE_ADDR="10.1.2.3",
        )
        # The therapist's email (the sender's confirmation goes to robin@example.com).
        (message,) = [m for m in mail.outbox if m.to != ["robin@example.com"]]
        assert f"{base}/find-a-therapist/ana-alder/" in message.body


class TestMakeRun:
    """`make run` sets BASE_URL from HOST and PORT (dry runs: nothing is executed)."""

    def dry_run(self, *args, **env):
        result = subprocess.run(
            ["make", "--no-print-directory", "-n", "run", *args],
            cwd=REPO_ROOT,
            env={"PATH": "/usr/bin:/bin", **env},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        (serve,) = [line for line in result.stdout.splitlines() if "runserver" in line]
        return serve

    def test_default_serves_and_links_to_port_8000(self):
        assert self.dry_run() == (
            "BASE_URL='http://127.0.0.1:8000' .venv/bin/python manage.py runserver 127.0.0.1:8000"
        )

    def test_host_and_port(self):
        serve = self.dry_run("HOST=localhost", "PORT=8800")
        assert serve.startswith("BASE_URL='http://localhost:8800' ")
        assert serve.endswith("runserver localhost:8800")

    def test_a_wildcard_address_links_to_the_loopback_one(self):
        assert self.dry_run("HOST=0.0.0.0", "PORT=9000").startswith(
            "BASE_URL='http://127.0.0.1:9000' "
        )

    def test_an_exported_base_url_does_not_leak_in_but_an_explicit_one_wins(self):
        assert self.dry_run(BASE_URL="https://mindwell.example").startswith(
            "BASE_URL='http://127.0.0.1:8000' "
        )
        assert self.dry_run("BASE_URL=http://laptop.local:8000").startswith(
            "BASE_URL='http://laptop.local:8000' "
        )
