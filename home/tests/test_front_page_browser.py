"""The first visit (issue 12) in headless Chromium at 1280 and 390 px: the front page's sections,
the header on a phone, axe and vnu clean, nothing wider than the screen."""

import re

import pytest
from django.core.management import call_command

from home.tests.test_front_page import SECTIONS
from testing import DESKTOP, PHONE, assert_accessible, assert_fits_the_width

pytestmark = pytest.mark.browser

# Every grid the front page lays its cards out in: none may have more columns than cards.
GRIDS = [".featured", ".story-row", ".home-split", ".topic-list"]


@pytest.fixture
def demo_site(live_db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))


def grid_columns_and_items(page, selector):
    return page.locator(selector).evaluate(
        """grid => [getComputedStyle(grid).gridTemplateColumns.split(" ").length,
                    grid.children.length]"""
    )


class TestFrontPage:
    @pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
    def test_every_section_shows_with_no_empty_columns(
        self, demo_site, browser_page, html_validator, viewport
    ):
        page = browser_page
        page.set_viewport_size(viewport)
        page.goto("/")
        main = page.get_by_role("main")
        for name in SECTIONS:
            heading = main.get_by_role("heading", name=name, exact=True)
            heading.scroll_into_view_if_needed()
            assert heading.is_visible(), name
        for selector in GRIDS:
            columns, items = grid_columns_and_items(page, selector)
            assert columns <= items, f"{selector}: {columns} columns for {items} items"
        # The featured lead and the newest articles' images are there, not empty boxes.
        assert page.locator(".featured__lead img").evaluate("img => img.naturalWidth") > 0
        assert page.locator(".home-locations .state-list a").count() >= 6
        assert re.fullmatch(
            r"\d+ of \d+ therapists listed now have a verified license\.",
            page.locator(".checks__tally").inner_text(),
        )
        assert_fits_the_width(page)
        assert_accessible(page, f"home at {viewport['width']} px")
        html_validator.assert_page_valid(page, "home page")


class TestHeaderOnAPhone:
    def test_at_most_120_px_with_the_search_scopes_in_a_menu(self, demo_site, browser_page):
        page = browser_page
        page.set_viewport_size(PHONE)
        for path in ("/", "/articles/", "/find-a-therapist/"):
            page.goto(path)
            height = page.locator(".site-header").evaluate("e => e.getBoundingClientRect().height")
            assert height <= 120, f"header {height} px tall on {path}"
            menu = page.get_by_role("navigation", name="Main")
            for link in menu.get_by_role("link").all():
                assert link.is_visible() and link.bounding_box()["x"] + 1 >= 0
            assert_fits_the_width(page, path)
        # The scopes in one compact menu (searching with it: search/tests/test_browser.py).
        scopes = page.locator(".site-header").get_by_label("Search in")
        assert scopes.locator("option").all_inner_texts() == ["All", "Title", "Content", "Author"]
