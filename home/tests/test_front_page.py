"""The front page (issue 12): each section, the editors' choices, the numbers it shows, and a fixed
number of queries whatever the amount of content."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from articles.tests.utils import home_page, make_article, make_author, make_index, make_topic, soup
from home.models import HomePageFeaturedArticle, HomePageTopic
from therapists.tests.fixtures import directory_page, make_profile

# PRODUCT.md: "Any public page: at most 12 SQL queries whatever the data size".
MAX_QUERIES = 12
SECTIONS = [
    "Find the Right Therapist",
    "Featured articles",
    "Newest articles",
    "Topics",
    "How we check therapists",
    "Therapists by location",
    "Sign up for our newsletter",
]


def titles(page, section):
    return [h3.get_text(strip=True) for h3 in page.select(f"{section} h3")]


def queries(client, path="/"):
    client.get(path)  # warm what a running site has warm (site root paths, content types)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def verified(days_ago=10):
    return {
        "license_verified": True,
        "license_verified_on": timezone.localdate() - timedelta(days_ago),
    }


@pytest.fixture
def site(db):
    index = make_index()
    topics = {
        name: make_topic(name, description=f"All about {name.lower()}.")
        for name in ("Anxiety", "Sleep", "Grief")
    }
    author = make_author()
    # Story 0 is the newest; even stories are about sleep, odd ones about anxiety.
    articles = [
        make_article(
            index,
            f"Story {number}",
            topics=[topics["Sleep" if number % 2 == 0 else "Anxiety"]],
            authors=[author],
            days_ago=number,
        )
        for number in range(9)
    ]
    directory = directory_page()
    make_profile(
        directory,
        "Ana Verified",
        [("Portland", "OR", "97214"), ("Seattle", "WA", "98103")],
        **verified(),
    )
    make_profile(directory, "Ben Unchecked", [("Portland", "OR", "97214")])
    make_profile(directory, "Cy Draft", [("Boise", "ID", "83702")], live=False, **verified())
    return {"index": index, "topics": topics, "articles": articles, "directory": directory}


class TestSections:
    def test_every_section_in_order(self, client, site):
        page = soup(client.get("/"))
        headings = [h2.get_text(strip=True) for h2 in page.select("main h2")]
        assert headings == SECTIONS

    def test_finder_searches_the_directory_with_any_issue_by_default(self, client, site):
        form = soup(client.get("/")).select_one(".home-hero form[role=search]")
        assert form["action"] == "/find-a-therapist/" and form.get("method") == "get"
        assert form.select_one("input[name=location]") is not None
        first = form.select_one("select[name=issue] option")
        assert (first["value"], first.get_text()) == ("", "Any issue")

    def test_newsletter_is_in_the_page_and_not_again_in_the_footer(self, client, site):
        page = soup(client.get("/"))
        form = page.select_one("main .home-newsletter form")
        assert form["action"] == "/newsletter/" and form["method"] == "post"
        assert page.select_one("footer .newsletter-signup") is None
        assert soup(client.get("/articles/")).select_one("footer .newsletter-signup") is not None

    def test_a_fresh_site_shows_only_what_it_has(self, client, db):
        page = soup(client.get("/"))
        assert page.select_one("h1").get_text(strip=True)
        assert page.select(".featured-articles, .newest-articles, .home-topics") == []
        assert page.select(".home-checks, .home-locations, .find-prompt") == []
        assert page.select_one("main .home-newsletter form") is not None


class TestArticles:
    def test_three_newest_featured_then_the_next_four(self, client, site):
        page = soup(client.get("/"))
        assert titles(page, ".featured-articles") == ["Story 0", "Story 1", "Story 2"]
        assert titles(page, ".newest-articles") == ["Story 3", "Story 4", "Story 5", "Story 6"]
        # The lead gets its topic (linked) and the byline; its columns are filled (no empty ones).
        lead = page.select_one(".featured__lead")
        assert lead.select_one(".story__kicker a")["href"] == "/articles/topics/sleep/"
        assert "By Maya Okafor" in lead.get_text()
        assert page.select_one(".story-row")["class"] == ["story-row", "story-row--4"]

    def test_editor_choice_in_order_live_only_and_newest_are_the_others(self, client, site):
        articles = site["articles"]
        home = home_page()
        home.featured_articles = [
            HomePageFeaturedArticle(article=articles[5], sort_order=0),
            HomePageFeaturedArticle(article=articles[1], sort_order=1),
            HomePageFeaturedArticle(article=articles[7], sort_order=2),
        ]
        home.save_revision().publish()
        articles[7].unpublish()
        page = soup(client.get("/"))
        assert titles(page, ".featured-articles") == ["Story 5", "Story 1"]
        assert titles(page, ".newest-articles") == ["Story 0", "Story 2", "Story 3", "Story 4"]

    def test_articles_behind_a_login_are_left_out(self, client, site):
        PageViewRestriction.objects.create(
            page=site["articles"][0], restriction_type=PageViewRestriction.LOGIN
        )
        page = soup(client.get("/"))
        assert "Story 0" not in titles(page, ".featured-articles") + titles(
            page, ".newest-articles"
        )
        assert titles(page, ".featured-articles")[0] == "Story 1"

    def test_topics_most_written_about_first_with_counts(self, client, site):
        items = soup(client.get("/")).select(".topic-list li")
        assert [" ".join(li.get_text().split()) for li in items] == [
            "Sleep 5 articles All about sleep.",
            "Anxiety 4 articles All about anxiety.",
        ]
        assert items[0].select_one("a")["href"] == "/articles/topics/sleep/"

    def test_editor_chosen_topics_in_their_order(self, client, site):
        home = home_page()
        home.featured_topics = [
            HomePageTopic(topic=site["topics"]["Grief"], sort_order=0),
            HomePageTopic(topic=site["topics"]["Anxiety"], sort_order=1),
        ]
        home.save_revision().publish()
        links = soup(client.get("/")).select(".topic-list a")
        assert [a.get_text() for a in links] == ["Grief", "Anxiety"]


class TestDirectory:
    def test_counts_are_of_live_profiles(self, client, site):
        page = soup(client.get("/"))
        facts = [" ".join(li.get_text().split()) for li in page.select(".home-hero__facts li")]
        assert facts == ["2 therapists in 2 states", "1 license verified by our staff"]
        tally = " ".join(page.select_one(".checks__tally").get_text().split())
        assert tally == "1 of 2 therapists listed now have a verified license."

    def test_browse_locations_by_state_with_counts(self, client, site):
        section = soup(client.get("/")).select_one(".home-locations")
        lead = " ".join(section.select_one(".home-locations__lead").get_text().split())
        assert lead.startswith("2 therapists in 2 cities across 2 states.")
        states = [
            (a["href"], " ".join(a.get_text().split())) for a in section.select(".state-list a")
        ]
        assert states == [
            ("/find-a-therapist/locations/or/", "Oregon 2 therapists"),
            ("/find-a-therapist/locations/wa/", "Washington 1 therapist"),
        ]
        assert section.select_one(".home-section__more")["href"] == "/find-a-therapist/locations/"

    def test_how_therapists_are_checked_links_join_and_log_in(self, client, site):
        checks = soup(client.get("/")).select_one(".home-checks")
        assert [h3.get_text() for h3 in checks.select("h3")] == [
            "They join with their license",
            "Our staff approve every profile",
            "We check the license with the board",
        ]
        links = {a.get_text(): a["href"] for a in checks.select(".checks__join a")}
        assert links == {"Join — therapists only": "/join/", "log in": "/admin/login/"}


class TestQueries:
    def test_the_same_few_queries_with_more_content(self, client, site):
        few = queries(client)
        for number in range(9, 30):
            make_article(site["index"], f"Story {number}", topics=list(site["topics"].values()))
        for number in range(15):
            make_profile(site["directory"], f"Extra Person {number}", [("Denver", "CO", "80202")])
        assert queries(client) == few <= MAX_QUERIES

    def test_demo_home_page_within_the_budget(self, client, db):
        call_command("load_demo_content", stdout=open("/dev/null", "w"))
        count = queries(client)
        print(f"home page on the demo content: {count} queries")
        assert count <= MAX_QUERIES
