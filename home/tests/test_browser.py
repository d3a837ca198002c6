from urllib.parse import urlparse

import pytest
from django.core.management import call_command

from testing import assert_accessible

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_site(live_db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))


class TestSiteNavigation:
    def test_visitor_goes_from_home_to_terms_and_back(
        self, demo_site, browser_page, html_validator
    ):
        page = browser_page
        page.goto("/")
        assert page.locator("h1").inner_text() == "Mental health, explained with care"
        assert_accessible(page, "home page")
        html_validator.assert_page_valid(page, "home page")

        page.get_by_role("contentinfo").get_by_role("link", name="Terms of Use").click()
        page.wait_for_url("**/terms-of-use/")
        assert page.locator("h1").inner_text() == "Terms of Use"
        assert page.get_by_role(
            "heading", name="Membership requirements for therapists"
        ).is_visible()
        assert_accessible(page, "terms page")
        html_validator.assert_page_valid(page, "terms page")

        page.get_by_role("link", name="Home", exact=True).first.click()
        page.wait_for_url(lambda url: urlparse(url).path == "/")
        assert page.locator("h1").inner_text() == "Mental health, explained with care"

    def test_skip_link_is_first_in_tab_order_and_moves_focus(self, demo_site, browser_page):
        page = browser_page
        page.goto("/")
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.textContent.trim()")
        assert focused == "Skip to main content"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.id") == "main"
