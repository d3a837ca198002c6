"""RSS 2.0 feeds (site-wide and per topic), the sitemap and robots.txt."""

import xml.etree.ElementTree as ET
from email.utils import parsedate_to_datetime

import pytest
from django.utils import timezone

from .utils import make_article, make_author, make_index, make_topic

pytestmark = pytest.mark.django_db
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
DC = "{http://purl.org/dc/elements/1.1/}"


@pytest.fixture
def site():
    index = make_index()
    anxiety = make_topic("Anxiety", description="Worry and panic.")
    sleep = make_topic("Sleep")
    make_topic("Grief")
    maya = make_author("Maya Okafor")
    daniel = make_author("Daniel Reyes", credentials="LMFT")
    make_author("Quiet Author")
    newest = make_article(
        index, "Panic in the moment", authors=[maya, daniel], topics=[anxiety], slug="panic"
    )
    make_article(index, "Sleep and mood", authors=[maya], topics=[sleep], days_ago=5)
    make_article(index, "Draft about sleep", topics=[sleep], slug="draft", publish=False)
    return {"index": index, "newest": newest}


def parse_feed(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    root = ET.fromstring(response.content)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


class TestFeeds:
    def test_site_feed_lists_live_articles_newest_first(self, client, site):
        channel = parse_feed(client.get("/articles/feed/"))
        assert channel.findtext("title") == "Articles – MindWell"
        assert channel.findtext("link") == "http://localhost/articles/"
        assert channel.findtext("description") == "Articles on mental health."
        items = channel.findall("item")
        assert [item.findtext("title") for item in items] == [
            "Panic in the moment",
            "Sleep and mood",
        ]
        first = items[0]
        assert first.findtext("link") == "http://localhost/articles/panic/"
        assert first.findtext("guid") == "http://localhost/articles/panic/"
        assert first.findtext("description") == "The standfirst of Panic in the moment."
        assert first.findtext(f"{DC}creator") == "Daniel Reyes, Maya Okafor"
        assert [c.text for c in first.findall("category")] == ["Anxiety"]
        published = parsedate_to_datetime(first.findtext("pubDate"))
        assert published == site["newest"].first_published_at.replace(microsecond=0)

    def test_self_link_for_feed_readers(self, client, site):
        channel = parse_feed(client.get("/articles/feed/"))
        self_link = channel.find("{http://www.w3.org/2005/Atom}link")
        assert self_link.get("rel") == "self"
        assert self_link.get("href") == "http://testserver/articles/feed/"

    def test_topic_feed_lists_only_that_topic(self, client, site):
        channel = parse_feed(client.get("/articles/topics/sleep/feed/"))
        assert channel.findtext("title") == "Sleep – MindWell"
        assert channel.findtext("link") == "http://localhost/articles/topics/sleep/"
        assert [item.findtext("title") for item in channel.findall("item")] == ["Sleep and mood"]

    def test_empty_topic_feed_is_valid(self, client, site):
        channel = parse_feed(client.get("/articles/topics/grief/feed/"))
        assert channel.findall("item") == []

    def test_unknown_topic_feed_is_404(self, client, site):
        assert client.get("/articles/topics/nope/feed/").status_code == 404

    def test_feed_is_linked_from_the_index(self, client, site):
        body = client.get("/articles/").content.decode()
        assert (
            '<link rel="alternate" type="application/rss+xml" title="Articles – MindWell" '
            'href="/articles/feed/">' in body
        )


class TestSitemap:
    def test_lists_live_articles_and_every_author_and_topic_page(self, client, site):
        response = client.get("/sitemap.xml")
        root = ET.fromstring(response.content)
        locations = {url.findtext(f"{SITEMAP}loc") for url in root.iter(f"{SITEMAP}url")}
        base = "http://localhost/articles/"
        assert {
            base,
            base + "panic/",
            base + "topics/",
            base + "topics/anxiety/",
            base + "topics/sleep/",
            base + "topics/grief/",
            base + "authors/",
            base + "authors/maya-okafor/",
            base + "authors/daniel-reyes/",
            base + "authors/quiet-author/",
        } <= locations
        assert len([loc for loc in locations if loc.startswith(base)]) == 11  # + sleep-and-mood
        assert not any("draft" in loc for loc in locations)

    def test_topic_lastmod_is_its_newest_article(self, client, site):
        root = ET.fromstring(client.get("/sitemap.xml").content)
        lastmods = {
            url.findtext(f"{SITEMAP}loc"): url.findtext(f"{SITEMAP}lastmod")
            for url in root.iter(f"{SITEMAP}url")
        }
        # The sitemap gives the day in the site's time zone (TIME_ZONE), not UTC's: between
        # midnight UTC and midnight in New York they differ.
        newest = timezone.localdate(site["newest"].last_published_at).isoformat()
        assert lastmods["http://localhost/articles/topics/anxiety/"] == newest
        assert lastmods["http://localhost/articles/topics/grief/"] is None

    def test_robots_points_at_the_sitemap(self, client, site):
        assert (
            "Sitemap: http://testserver/sitemap.xml" in client.get("/robots.txt").content.decode()
        )
