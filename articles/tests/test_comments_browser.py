"""Journey 2 of PRODUCT.md in headless Chromium: a reader replies, a moderator approves in the
admin, the comment is numbered on the article and listed in Recent Comments; the reader signs up
to the newsletter, confirms by the emailed link, gets an issue and unsubscribes from it. axe and
vnu check the article page with comments and every newsletter page on the way."""

import re
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.models import Site

from home.groups import MODERATORS
from home.models import HomePage, SiteSettings, StandardPage
from testing import assert_accessible

from .test_browser import PASSWORD, log_in, log_out
from .utils import make_article, make_author, make_comment, make_index, make_topic

pytestmark = pytest.mark.browser
READER = "Jamie Rivera"
COMMENT = (
    "Naming the feeling out loud helped me more than I expected.\n\nThank you for writing this."
)


@pytest.fixture
def reading_room(live_db, settings):
    # A person types for longer than this; the journey need not wait the real three seconds.
    settings.FORM_MIN_SECONDS_TO_SUBMIT = 1
    home = HomePage.objects.get()
    terms = StandardPage(title="Terms of Use", slug="terms-of-use", body=[])
    home.add_child(instance=terms)
    terms.save_revision().publish()
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    site_settings.terms_page = terms
    site_settings.save()

    index = make_index()
    article = make_article(
        index,
        "Naming what you feel",
        slug="naming-what-you-feel",
        authors=[make_author("Maya Okafor")],
        topics=[make_topic("Anxiety")],
    )
    make_comment(article, "Ana", minutes_ago=90, website="https://ana.example.org")
    moderator = get_user_model().objects.create_user("mona", "mona@example.com", PASSWORD)
    moderator.groups.add(Group.objects.get(name=MODERATORS))
    return {"article": article}


def email_link(message, kind):
    """The path of the /newsletter/<kind>/… link in an email (the live server's host differs)."""
    match = re.search(rf"https?://[^/\s]+(/newsletter/{kind}/[^\s/]+/)", message.body)
    assert match, message.body
    return match.group(1)


def check_page(page, html_validator, name):
    assert_accessible(page, name)
    html_validator.assert_page_valid(page, name)


def test_reader_comments_moderator_approves_reader_subscribes_and_unsubscribes(
    reading_room, browser_page, html_validator
):
    page = browser_page
    article_path = reading_room["article"].url

    # The reader replies; a mistake first: the form comes back with what they typed.
    page.goto(article_path)
    expect(page.locator("#comments-heading")).to_have_text("1 comment")
    reply = page.locator("form.comment-form")
    expect(reply).to_contain_text("* = Required fields")
    expect(reply.get_by_role("link", name="Terms and Conditions of Use")).to_have_attribute(
        "href", "/terms-of-use/"
    )
    reply.get_by_role("textbox", name="Name", exact=True).fill(READER)
    reply.get_by_role("textbox", name="Comment", exact=True).fill(COMMENT)
    page.wait_for_timeout(1100)
    reply.get_by_role("button", name="Post Comment").click()
    expect(page.locator("#id_email_error")).to_contain_text("Enter your email address")
    expect(page.locator("#id_name")).to_have_value(READER)
    expect(page.locator("#id_body")).to_have_value(COMMENT)
    assert_accessible(page, "article page with form errors")

    reply = page.locator("form.comment-form")
    reply.get_by_role("textbox", name="Email", exact=True).fill("jamie@example.com")
    reply.get_by_role("textbox", name="Website", exact=True).fill("https://jamie.example.org")
    reply.get_by_role("button", name="Post Comment").click()
    page.wait_for_url(re.compile(r"#reply$"))
    expect(page.locator("#comment-notice")).to_contain_text("awaiting moderation")
    expect(page.locator(".comment-list")).not_to_contain_text(READER)

    # A moderator approves it from the moderation list.
    log_in(page, "mona")
    page.goto("/admin/articles/comment/?status__exact=pending")
    row = page.locator("table.listing tr", has_text=READER)
    expect(row).to_contain_text("Naming the feeling out loud")
    row.get_by_role("checkbox", name=f"Select the comment by {READER}").check()
    page.get_by_role("button", name="Approve", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("1 comment approved.")
    log_out(page)

    # It is the article's second comment now, and the newest in Recent Comments.
    page.goto(article_path)
    expect(page.locator("#comments-heading")).to_have_text("2 comments")
    newest = page.locator("#comments .comment").last
    expect(newest.locator(".comment__number")).to_have_text("Comment #2")
    expect(newest.locator(".comment__author")).to_have_text(READER)
    expect(newest.locator("time")).to_be_visible()
    expect(newest.get_by_role("link", name=READER)).to_have_attribute("rel", "nofollow ugc")
    expect(newest.locator(".comment__body p")).to_have_count(2)
    recent = page.locator(".recent-comments li").first
    expect(recent).to_contain_text(f"{READER}: Naming the feeling out loud")
    comment_id = newest.get_attribute("id")
    recent.get_by_role("link").click()
    page.wait_for_url(re.compile(rf"#{comment_id}$"))
    assert "jamie@example.com" not in page.content()
    check_page(page, html_validator, "article page with comments")

    # The reader signs up in the footer, and confirms from the email.
    mail.outbox.clear()
    footer = page.locator("footer form.newsletter-signup__form")
    footer.get_by_label("Email address").fill("jamie@example.com")
    footer.get_by_label("Yes, email me the weekly newsletter").check()
    footer.get_by_role("button", name="Sign up").click()
    page.wait_for_url("**/newsletter/check-your-email/")
    expect(page.locator("h1")).to_have_text("Check your inbox")
    check_page(page, html_validator, "check your inbox page")
    [confirmation] = mail.outbox
    assert confirmation.to == ["jamie@example.com"]

    page.goto(email_link(confirmation, "confirm"))
    expect(page.locator("h1")).to_have_text("Confirm your subscription")
    check_page(page, html_validator, "confirm page")
    page.get_by_role("button", name="Confirm subscription").click()
    expect(page.locator("h1")).to_have_text("You are subscribed")
    check_page(page, html_validator, "subscribed page")

    # The weekly issue arrives; its link unsubscribes.
    mail.outbox.clear()
    call_command("send_newsletter", "--no-progress", stdout=open("/dev/null", "w"))
    [issue] = mail.outbox
    assert "Naming what you feel" in issue.body
    page.goto(email_link(issue, "unsubscribe"))
    expect(page.locator("h1")).to_have_text("Unsubscribe from the newsletter")
    check_page(page, html_validator, "unsubscribe page")
    page.get_by_role("button", name="Unsubscribe").click()
    expect(page.locator("h1")).to_have_text("You are unsubscribed")
    check_page(page, html_validator, "unsubscribed page")
    expect(page.get_by_role("link", name="Subscribe again")).to_have_attribute(
        "href", "/newsletter/"
    )

    # The sign-up page itself, and its answer to a missing consent.
    page.goto("/newsletter/")
    check_page(page, html_validator, "newsletter page")
    page.locator("main").get_by_label("Email address").fill("someone@example.com")
    page.locator("main").get_by_role("button", name="Sign up").click()
    expect(page.locator("#id_consent_error")).to_contain_text("Tick the box")
    assert urlparse(page.url).path == "/newsletter/"
    assert_accessible(page, "newsletter page with errors")
