"""The directory and a profile on a phone (390 px) and a desktop (1280 px), issue 12: the filters
in a disclosure above the results, the ways to get in touch in the first screen, names and
numbers whole; axe and vnu clean, nothing wider than the screen."""

import re

import pytest
from django.core.management import call_command

from testing import DESKTOP, PHONE, assert_accessible, assert_fits_the_width, on_one_line

pytestmark = pytest.mark.browser

RESULTS = "/find-a-therapist/?location=97214"


@pytest.fixture
def demo_site(live_db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))


def total(page):
    return int(page.locator("#therapist-results").get_attribute("data-total"))


def box(locator):
    return locator.bounding_box()


class TestFiltersDisclosure:
    def test_on_a_phone_above_the_results_closed_until_opened(
        self, demo_site, browser_page, html_validator
    ):
        page = browser_page
        page.set_viewport_size(PHONE)
        page.goto(RESULTS)
        toggle = page.locator("summary", has_text="Filters")
        results = page.locator("#therapist-results")
        assert toggle.is_visible()
        assert box(toggle)["y"] + box(toggle)["height"] <= box(results)["y"]
        anxiety = page.locator("#advanced-search").get_by_label(re.compile(r"^Anxiety"))
        assert not anxiety.is_visible()
        assert_fits_the_width(page, "results on a phone")
        assert_accessible(page, "results on a phone, filters closed")
        html_validator.assert_page_valid(page, "results")

        toggle.click()
        assert anxiety.is_visible()
        assert_accessible(page, "results on a phone, filters open")
        before = total(page)
        anxiety.check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(r"issue=anxiety"))
        assert 0 < total(page) < before
        # The toggle says a filter is on; the list stays where it was.
        assert page.locator("summary", has_text="Filters").inner_text() == "Filters\n1 chosen"
        assert_fits_the_width(page, "filtered results on a phone")

    def test_on_a_desktop_beside_the_results_as_before(self, demo_site, browser_page):
        page = browser_page
        page.set_viewport_size(DESKTOP)
        page.goto(RESULTS)
        assert not page.locator("summary", has_text="Filters").is_visible()
        filters = page.locator("#advanced-search")
        assert filters.get_by_label(re.compile(r"^Anxiety")).is_visible()
        assert box(filters)["x"] > box(page.locator("#therapist-results"))["x"] + 400
        assert_accessible(page, "results on a desktop")

    @pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
    def test_without_javascript(self, demo_site, chromium, live_server, viewport):
        context = chromium.new_context(
            base_url=live_server.url, java_script_enabled=False, viewport=viewport
        )
        page = context.new_page()
        page.goto(RESULTS)
        in_person = page.get_by_label(re.compile(r"^In-person sessions"))
        if viewport is PHONE:
            assert not in_person.is_visible()
            page.locator("summary", has_text="Filters").click()
        assert in_person.is_visible()
        in_person.check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(r"in_person=1"))
        assert total(page) > 0
        context.close()


class TestProfileOnAPhone:
    def test_call_and_contact_in_the_first_screen(self, demo_site, browser_page, html_validator):
        page = browser_page
        page.set_viewport_size(PHONE)
        page.goto(RESULTS)
        # The first result with a phone number.
        card = page.locator(".therapist-card").filter(has=page.locator(".therapist-card__phone"))
        card.first.locator(".therapist-card__name a").click()
        page.wait_for_selector("h1#profile-name")
        call = page.locator(".profile__actions").get_by_role("link", name=re.compile(r"^Call "))
        message = page.locator(".profile__actions").get_by_role("link", name="Send a message")
        for link in (call, message):
            assert link.is_visible()
            assert box(link)["y"] + box(link)["height"] <= PHONE["height"]
        assert call.get_attribute("href").startswith("tel:")
        # Names with credentials and phone numbers are never broken inside a word.
        assert on_one_line(page.locator(".phone-number, h1 .nowrap"))
        assert_fits_the_width(page, "profile on a phone")
        assert_accessible(page, "profile on a phone")
        html_validator.assert_page_valid(page, "profile")

        message.click()
        page.wait_for_url(re.compile(r"#contact$"))
        page.locator("#contact").get_by_label("Your message").fill("Hello " * 600)
        count = page.locator("#contact .char-count")
        assert count.inner_text().endswith("too many: shorten it to 3,000 characters")

    def test_cards_keep_names_and_numbers_whole(self, demo_site, browser_page):
        page = browser_page
        page.set_viewport_size(PHONE)
        page.goto(RESULTS)
        assert on_one_line(page.locator(".therapist-card .phone-number, .therapist-card .nowrap"))
        assert on_one_line(page.locator(".call-us .phone-number"))
