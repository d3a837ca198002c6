"""Journey 1 of PRODUCT.md in the real Wagtail admin, then axe and vnu on the public pages."""

import re
import xml.etree.ElementTree as ET
from io import BytesIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from PIL import Image as PILImage
from playwright.sync_api import expect
from wagtail.models import Collection

from articles.publishing import WRITERS_COLLECTION
from home.groups import EDITORS, WRITERS
from testing import assert_accessible

from .utils import make_article, make_author, make_image, make_index, make_reviewer, make_topic

pytestmark = pytest.mark.browser
PASSWORD = "a-long-test-password-42"
TITLE = "Grounding yourself when anxiety spikes"


@pytest.fixture
def newsroom(live_db):
    """An article index (which grants Writers and Editors their rights), a topic, an author, a
    writer, a clinical reviewer and an editor, and one image in the writers' collection."""
    index = make_index()
    users = {}
    for username, group in (("wendy", WRITERS), ("eddie", EDITORS)):
        user = get_user_model().objects.create_user(username, f"{username}@example.com", PASSWORD)
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    collection = Collection.objects.get(name=WRITERS_COLLECTION)
    return {
        "index": index,
        "topic": make_topic("Anxiety", description="Worry, panic and fear."),
        "author": make_author("Maya Okafor", credentials="PhD", bio="<p>Psychologist.</p>"),
        "image": make_image("Calm shapes", collection=collection),
        "reviewer": make_reviewer("rita", "Rita Alvarez", "PsyD", password=PASSWORD),
        "users": users,
    }


@pytest.fixture
def hero_file(tmp_path):
    path = tmp_path / "hero.png"
    buffer = BytesIO()
    PILImage.new("RGB", (1200, 675), (120, 170, 160)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def log_in(page, username):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def log_out(page):
    page.context.clear_cookies()


def add_block(page, label):
    # The body's own add buttons: the References field below it has its own.
    page.locator("#panel-child-content-body-content .c-sf-add-button").last.click()
    page.get_by_role("option", name=label).click()


def choose_image_in_modal(page, title):
    modal = page.locator(".modal-content")
    modal.locator(f'a.image-choice[title$="{title}"]').click()
    expect(modal).to_be_hidden()


def write_and_submit(page, newsroom, hero_file):
    """The writer's part: create, fill, preview and submit for moderation."""
    log_in(page, "wendy")
    page.goto(f"/admin/pages/add/articles/articlepage/{newsroom['index'].pk}/")
    page.fill("#id_title", TITLE)
    page.fill("#id_standfirst", "Three small techniques that bring attention back to the present.")

    # Hero image: uploaded from the chooser into the writers' collection, with alt text.
    page.locator("#panel-child-content-hero_image-content .chooser__choose-button").click()
    modal = page.locator(".modal-content")
    modal.get_by_role("tab", name="Upload").click()
    modal.locator('input[type="file"]').set_input_files(str(hero_file))
    modal.locator('input[name="image-chooser-upload-title"]').fill("Soft green hero")
    modal.locator("form[data-chooser-modal-creation-form] button[type=submit]").click()
    expect(modal).to_be_hidden()
    expect(page.locator("#id_hero_image")).not_to_have_value("")
    page.fill("#id_hero_alt", "A soft green field of colour.")

    # Body: a heading, a paragraph, an image with alt text and a quote.
    add_block(page, "Heading")
    page.locator('[name="body-0-value-text"]').fill("Name five things you can see")
    add_block(page, "Paragraph")
    page.locator(".Draftail-Editor .public-DraftEditor-content").last.click()
    page.keyboard.type("Look around and name them slowly, one by one.")
    add_block(page, "Image")
    page.locator('[data-contentpath="image"] .chooser__choose-button').last.click()
    choose_image_in_modal(page, "Calm shapes")
    page.locator('[name="body-2-value-image-alt_text"]').fill("Soft overlapping circles.")
    add_block(page, "Quote")
    page.locator('[name="body-3-value-quote"]').fill("Attention is a muscle you can train.")

    page.get_by_label("Maya Okafor, PhD").check()
    page.get_by_label("Anxiety").check()

    # Preview in the side panel: the live preview renders the article as it will look.
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    expect(preview.locator("h1")).to_have_text(TITLE)
    expect(preview.locator("#article-body blockquote")).to_contain_text("Attention is a muscle")

    # Wagtail 8 autosaves the new page as a draft and moves the editor to its edit URL; wait for
    # that to settle, as a submit racing an autosave on the create view fails (duplicate slug).
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    expect(page.locator("#w-autosave-indicator")).to_have_attribute(
        "data-w-autosave-state-value", "saved"
    )

    # A writer has no Publish action; they submit to the editors' review.
    expect(page.get_by_role("button", name="Publish")).to_have_count(0)
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Submit to Article review").click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    log_out(page)


def clinically_review(page, newsroom):
    """The clinical reviewer's part: the submission waits for them first, and their approval
    sends it on to the editors."""
    log_in(page, "rita")
    review = page.locator("section", has_text="Awaiting your review")
    review.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(TITLE)
    log_out(page)


def approve(page, newsroom):
    """The editor's part: find the submission on the dashboard and approve it."""
    log_in(page, "eddie")
    review = page.locator("section", has_text="Awaiting your review")
    review.get_by_role("link", name=TITLE).click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/"))
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text(TITLE)
    log_out(page)


def test_writer_submits_editor_approves_article_goes_live(
    newsroom, hero_file, browser_page, html_validator
):
    page = browser_page
    write_and_submit(page, newsroom, hero_file)

    # Not live yet: the public site does not have it.
    page.goto("/articles/")
    expect(page.locator("#article-list, .empty-state").first).not_to_contain_text(TITLE)

    # Editors cannot approve before the clinical review: their dashboard does not list it yet.
    log_in(page, "eddie")
    expect(page.locator("section", has_text="Awaiting your review")).to_have_count(0)
    log_out(page)
    clinically_review(page, newsroom)
    approve(page, newsroom)

    # Live: on the index, its topic and author pages, in the feed and the sitemap.
    page.goto("/articles/")
    page.get_by_role("link", name=TITLE).click()
    page.wait_for_url("**/articles/grounding-yourself-when-anxiety-spikes/")
    body = page.locator("#article-body")
    expect(body.get_by_role("heading", name="Name five things you can see")).to_be_visible()
    expect(body.locator("img")).to_have_attribute("alt", "Soft overlapping circles.")
    expect(body.locator("blockquote")).to_contain_text("Attention is a muscle you can train.")
    expect(page.locator(".article-hero img")).to_have_attribute(
        "alt", "A soft green field of colour."
    )
    # The byline says who reviewed it and when, linking to the reviewer's page.
    reviewed = page.locator(".byline__review")
    expect(reviewed).to_contain_text("Clinically reviewed by Rita Alvarez, PsyD on")
    expect(reviewed.get_by_role("link")).to_have_attribute(
        "href", "/articles/authors/rita-alvarez/"
    )
    article_url = page.url
    pages = {"article": article_url}
    for name, path in (
        ("index", "/articles/"),
        ("topic", "/articles/topics/anxiety/"),
        ("author", "/articles/authors/maya-okafor/"),
    ):
        page.goto(path)
        expect(page.get_by_role("link", name=TITLE)).to_be_visible()
        pages[name] = page.url

    feed = ET.fromstring(page.request.get("/articles/feed/").body())
    assert [item.findtext("link") for item in feed.iter("item")] == [
        "http://testserver/articles/grounding-yourself-when-anxiety-spikes/"
    ]
    sitemap = page.request.get("/sitemap.xml").text()
    assert "/articles/grounding-yourself-when-anxiety-spikes/</loc>" in sitemap

    # Accessibility and valid HTML on the article, index, topic and author pages.
    for name, url in pages.items():
        page.goto(url)
        assert_accessible(page, f"{name} page")
        html_validator.assert_page_valid(page, f"{name} page")


def test_checks_panel_flags_unsourced_claims_and_self_harm_without_crisis_resources(
    newsroom, browser_page
):
    """Issue 17's editorial checks, in the editor's Checks panel beside Wagtail's own."""
    article = make_article(
        newsroom["index"],
        "Unsourced advice",
        body=[
            (
                "paragraph",
                "<p>Research shows this treatment cures anxiety. "
                "Some readers may think about suicide.</p>",
            )
        ],
        authors=[newsroom["author"]],
        topics=[newsroom["topic"]],
        publish=False,
    )
    page = browser_page
    log_in(page, "eddie")
    page.goto(f"/admin/pages/{article.pk}/edit/")
    page.locator('[data-side-panel-toggle="checks"]').click()
    panel = page.locator("[data-checks-panel]")
    expect(panel).to_contain_text("Health claims without sources", timeout=30000)
    expect(panel).to_contain_text("Mentions suicide or self-harm without crisis resources")
