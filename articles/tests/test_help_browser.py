"""Issue 17, item 7 in headless Chromium: after a place search in the directory, an article shows
up to three therapists near that place who treat its topic, fetched from this site alone; with
no search before, only the filtered directory links. Axe and vnu clean (the page, and the
fragment /directory/near/ sends); no request leaves the site; "Copy link" appears with JS."""

from urllib.parse import urlsplit

import pytest

from articles.models import ArticleCorrection
from articles.tests.utils import make_article, make_index, make_topic
from testing import assert_accessible
from therapists.models import Issue
from therapists.tests.fixtures import build_directory

pytestmark = pytest.mark.browser


@pytest.fixture
def article(live_db):
    build_directory()  # Ada (Portland), Ben (Beaverton), Cai (Vancouver WA) near 97214
    topic = make_topic("Anxiety")
    topic.issues.set([Issue.objects.get(slug="anxiety")])
    # With a content note and a correction, so axe and vnu check those boxes too.
    article = make_article(
        make_index(), "Worry at night", topics=[topic], content_notes=["suicide"]
    )
    article.corrections = [ArticleCorrection(kind="update", note="<p>New guidance added.</p>")]
    article.save_revision().publish()
    return article


def record_hosts(page):
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc))
    return hosts


def test_near_therapists_after_a_place_search(article, browser_page, live_server, html_validator):
    page = browser_page
    hosts = record_hosts(page)
    page.goto("/find-a-therapist/?location=97214")
    page.wait_for_selector("#therapist-results")
    cookies = {cookie["name"]: cookie for cookie in page.context.cookies()}
    assert cookies["mw_place"]["value"] == "97214"
    assert cookies["mw_place"]["sameSite"] == "Strict"

    page.goto(article.url)
    near = page.locator(".near-therapist")
    near.first.wait_for()
    names = near.locator(".near-therapist__name a").all_inner_texts()
    assert names == ["Ada Applegate", "Ben Birchwood"]
    assert "Therapists near 97214 (Portland, OR) who treat anxiety" in page.inner_text(
        ".article-help"
    )
    assert page.get_by_role("button", name="Copy link").is_visible()
    assert page.locator(".content-note a[href='tel:988']").is_visible()
    assert "New guidance added." in page.inner_text(".article-corrections")
    assert hosts == {urlsplit(live_server.url).netloc}
    assert_accessible(page, "article with therapists near the reader")
    html_validator.assert_page_valid(page, "article")
    fragment = page.context.request.get("/directory/near/?location=97214&issue=anxiety").text()
    html_validator.assert_valid(
        "<!DOCTYPE html><html lang=en><head><title>Near</title></head><body><main>"
        f"<section><h2>Talk to a therapist</h2>{fragment}</section></main></body></html>",
        "the /directory/near/ fragment",
    )


def test_without_a_search_only_the_filtered_links(article, browser_page, live_server):
    page = browser_page
    asked = []
    page.on("request", lambda request: asked.append(request.url))
    page.goto(article.url)
    page.wait_for_load_state("networkidle")
    assert page.locator(".near-therapist").count() == 0
    link = page.get_by_role("link", name="Find a therapist for anxiety")
    assert link.get_attribute("href") == "/find-a-therapist/?issue=anxiety"
    assert not [url for url in asked if "/directory/near/" in url]
    assert {urlsplit(url).netloc for url in asked} == {urlsplit(live_server.url).netloc}
