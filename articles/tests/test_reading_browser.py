"""Reading on a phone (390 px) and a desktop (1280 px), issue 12: the article index and an article
page axe and vnu clean and never wider than the screen, the sidebar's quiet "Don't show me this
again.", and a comment's live character count."""

import pytest
from django.core.management import call_command

from testing import DESKTOP, PHONE, assert_accessible, assert_fits_the_width

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_site(live_db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))


def background_and_weight(locator):
    return locator.evaluate(
        "e => [getComputedStyle(e).backgroundColor, getComputedStyle(e).fontWeight]"
    )


class TestReading:
    @pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
    def test_index_and_article(self, demo_site, browser_page, html_validator, viewport):
        page = browser_page
        page.set_viewport_size(viewport)
        page.goto("/articles/")
        # Includes WCAG 2.2's target-size: card titles and topic links apart and tall enough.
        assert_accessible(page, f"article index at {viewport['width']} px")
        assert_fits_the_width(page, "article index")
        page.locator(".article-card__title a").first.click()
        page.wait_for_selector("#article-body")
        assert_accessible(page, f"article at {viewport['width']} px")
        assert_fits_the_width(page, "article")
        html_validator.assert_page_valid(page, "article")

    def test_dont_show_again_is_quieter_than_the_search_button(self, demo_site, browser_page):
        page = browser_page
        page.goto("/articles/")
        page.locator(".article-card__title a").first.click()
        prompt = page.locator(".find-prompt")
        dismiss = prompt.get_by_role("button", name="Don't show me this again.")
        search = prompt.get_by_role("button", name="Find a therapist")
        assert background_and_weight(dismiss) == ["rgba(0, 0, 0, 0)", "400"]
        search_background, search_weight = background_and_weight(search)
        assert search_background != "rgba(0, 0, 0, 0)" and int(search_weight) >= 600
        assert dismiss.bounding_box()["height"] >= 24

    def test_a_comment_counts_its_characters(self, demo_site, browser_page):
        page = browser_page
        page.goto("/articles/")
        page.locator(".article-card__title a").first.click()
        comment = page.get_by_role("textbox", name="Comment")
        count = page.locator(".comment-form .char-count")
        assert count.inner_text() == "5,000 characters left"
        comment.fill("Thank you.\nThis helped.")
        assert count.inner_text() == "4,976 characters left"  # the line break counts twice
        comment.fill("x" * 5001)
        assert count.inner_text() == "1 character too many: shorten it to 5,000 characters"
        assert comment.input_value() == "x" * 5001  # nothing cut off
