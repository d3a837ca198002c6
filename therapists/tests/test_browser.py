"""Journey 4 of shared/PRODUCT.md in headless Chromium, with axe and vnu on every page type."""

import bisect
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from testing import assert_accessible
from therapists.insight_chart import weekly_counts
from therapists.models import ProfileDailyCount, TherapistProfilePage
from therapists.rotation import DISTANCE_BANDS

from .insight_support import chart_total, check_chart, wait_for

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_site(live_db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))


def check_page(page, html_validator, what):
    assert_accessible(page, what)
    html_validator.assert_page_valid(page, what)


def views_today(profile):
    row = ProfileDailyCount.objects.filter(profile=profile, day=timezone.localdate()).first()
    return row.views if row else 0


def total(page):
    return int(page.locator("#therapist-results").get_attribute("data-total"))


class TestFindATherapistJourney:
    def test_visitor_finds_a_therapist_and_sends_a_message(
        self, demo_site, browser_page, html_validator
    ):
        page = browser_page
        page.goto("/")
        page.get_by_role("navigation", name="Main").get_by_role(
            "link", name="Find a Therapist"
        ).click()
        page.wait_for_url("**/find-a-therapist/")
        everyone = total(page)
        assert everyone >= 40
        # The Call Us line is on the directory, dialable.
        call = page.locator(".directory-header .call-us a")
        assert call.inner_text() == "1-888-555-0142 ext.1"
        assert call.get_attribute("href") == "tel:+1-888-555-0142;ext=1"
        check_page(page, html_validator, "directory index")

        # ZIP code + radius: nearest first, distances shown.
        page.get_by_label("ZIP code, city or state").fill("97214")
        page.get_by_label("Within").select_option("10")
        page.get_by_role("button", name="Search", exact=True).click()
        page.wait_for_url(re.compile(r"location=97214"))
        near = total(page)
        assert 0 < near < everyone
        distances = [
            float(re.match(r"[\d.]+", text.replace("under 1", "0")).group())
            for text in page.locator(".therapist-card__distance").all_inner_texts()
        ]
        # Nearest band first (within 5 miles, then 10); each band in the day's order.
        bands = [bisect.bisect_left(DISTANCE_BANDS, distance) for distance in distances]
        assert bands == sorted(bands) and distances[-1] <= 10
        check_page(page, html_validator, "zip results")

        # Advanced Search: tick an issue and a session format; the list narrows.
        page.locator("#advanced-search").get_by_label(re.compile(r"^Anxiety")).check()
        page.get_by_label(re.compile(r"^In-person sessions")).check()
        page.get_by_role("button", name="Apply filters").click()
        page.wait_for_url(re.compile(r"issue=anxiety"))
        assert "in_person=1" in page.url
        assert "q=" not in page.url  # the script leaves empty fields out
        filtered = total(page)
        assert 0 < filtered < near

        # City and state.
        page.goto("/find-a-therapist/?location=Seattle%2C+WA")
        assert total(page) > 0
        assert "Seattle, WA" in page.locator("#results-heading").inner_text()
        page.goto("/find-a-therapist/?location=CO")
        assert total(page) > 0

        # Browse Locations: state, then city, then a profile.
        page.goto("/find-a-therapist/")
        page.locator(".directory-header").get_by_role("link", name="Browse Locations").click()
        page.wait_for_url("**/locations/")
        check_page(page, html_validator, "Browse Locations")
        page.get_by_role("link", name="Oregon").click()
        page.wait_for_url("**/locations/or/")
        check_page(page, html_validator, "state page")
        page.get_by_role("link", name="Portland", exact=True).click()
        page.wait_for_url("**/locations/or/portland/")
        check_page(page, html_validator, "city page")
        first = page.locator(".therapist-card__name a").first
        name = first.inner_text()
        viewed = TherapistProfilePage.objects.get(slug=first.get_attribute("href").split("/")[-2])
        views_before = views_today(viewed)
        first.click()
        page.wait_for_selector("h1#profile-name")
        assert name in page.locator("h1").inner_text()
        check_page(page, html_validator, "profile")
        profile_url = page.url
        # The page's beacon counted the view (the page cache would have hidden it from Django).
        wait_for(lambda: views_today(viewed) == views_before + 1, "the profile view counted")

        # Send a message; it reaches the therapist by email. (Loading the demo sent the review
        # workflow's notifications: only what follows counts.)
        mail.outbox.clear()
        contact = page.locator("#contact")
        contact.get_by_label("Your name").fill("Sam Visitor")
        contact.get_by_label("Your email").fill("sam@example.com")
        contact.get_by_label("Your message").fill("Do you have a place on Tuesday evenings?")
        contact.get_by_label(re.compile("I agree")).check()
        contact.get_by_role("button", name="Send message").click()
        page.wait_for_selector(".message--success")
        assert f"Your message was sent to {name}" in page.locator(".messages").inner_text()
        # The confirmation page says what to expect and who else is near; so does an email.
        expect(page.locator("#what-to-expect")).to_contain_text("reply within")
        check_page(page, html_validator, "message sent page")
        to_therapist, confirmation = mail.outbox
        assert to_therapist.reply_to == ["sam@example.com"]
        assert confirmation.to == ["sam@example.com"]
        assert "Do you have a place" not in confirmation.body
        assert page.locator(".call-us a").first.inner_text() == "1-888-555-0142 ext.1"

        # Report outdated details: a mistake first, then the report; the therapist is told.
        page.goto(profile_url)
        page.get_by_role("link", name="Report outdated or wrong information").click()
        page.wait_for_url(re.compile(r"/directory/report/\d+/$"))
        check_page(page, html_validator, "report page")
        page.get_by_label("What is wrong?").select_option("other")
        page.get_by_role("button", name="Send report").click()
        expect(page.locator("#id_details_error")).to_contain_text("Say what is wrong.")
        assert_accessible(page, "report page with errors")
        page.get_by_label("What is wrong?").select_option("phone")
        page.get_by_label("Details").fill("The number is not in service.")
        page.get_by_role("button", name="Send report").click()
        page.wait_for_selector(".message--success")
        expect(page.locator(".messages")).to_contain_text("Our staff will check this profile")
        assert name in page.locator("h1").inner_text()
        notice = mail.outbox[-1]
        assert "not in service" in notice.body and notice.to == to_therapist.to
        # Staff see how the directory performs: twelve weeks of site-wide totals, this view too.
        page.context.clear_cookies()
        page.goto("/admin/login/")
        page.fill("#id_username", "editor")
        page.fill("#id_password", "mindwell-demo")
        page.get_by_role("button", name="Sign in").click()
        page.wait_for_url("**/admin/")
        expected = sum(week.counts["views"] for week in weekly_counts())
        assert chart_total(page, "Profile views") == expected
        check_chart(page, html_validator, "staff dashboard")

    def test_bad_input_page_is_accessible_and_valid(self, demo_site, browser_page, html_validator):
        page = browser_page
        response = page.goto("/find-a-therapist/?location=00000&radius=900")
        assert response.status == 400
        assert "We could not find the ZIP code 00000" in page.locator(".error-summary").inner_text()
        check_page(page, html_validator, "error page")

    def test_filters_work_with_the_keyboard_and_without_javascript(
        self, demo_site, chromium, live_server
    ):
        context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
        page = context.new_page()
        page.goto("/find-a-therapist/?location=OR")
        before = total(page)
        page.locator("#filter-in_person").focus()
        page.keyboard.press("Space")
        page.get_by_role("button", name="Apply filters").focus()
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"in_person=1"))
        assert 0 < total(page) <= before
        context.close()


class TestFindTherapistPrompt:
    """On a stand-in article page (the article app places the tag in its sidebar)."""

    @pytest.fixture
    def article_urls(self, settings):
        settings.ROOT_URLCONF = "therapists.tests.urls"

    def test_search_from_the_prompt_and_dismiss_it_with_script(
        self, demo_site, article_urls, browser_page, html_validator
    ):
        page = browser_page
        page.goto("/article/")
        prompt = page.get_by_role("region", name="Find the Right Therapist")
        assert "Call Us to Find a Therapist: 1-888-555-0142 ext.1" in prompt.inner_text()
        check_page(page, html_validator, "page with the prompt")
        prompt.get_by_role("button", name="Don't show me this again.").click()
        page.wait_for_selector("[data-find-prompt]", state="detached")
        assert page.url.endswith("/article/")  # no page load: the script did it
        page.reload()
        assert page.locator("[data-find-prompt]").count() == 0

    def test_dismiss_without_javascript_and_search(
        self, demo_site, article_urls, chromium, live_server
    ):
        context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
        page = context.new_page()
        page.goto("/article/")
        prompt = page.get_by_role("region", name="Find the Right Therapist")
        prompt.get_by_label("ZIP code, city or state").fill("Portland, OR")
        prompt.get_by_label("Issue").select_option(label="Anxiety")
        prompt.get_by_role("button", name="Find a therapist").click()
        page.wait_for_url(re.compile(r"/find-a-therapist/\?location=Portland"))
        assert total(page) > 0
        page.goto("/article/?from=test")
        page.get_by_role("button", name="Don't show me this again.").click()
        page.wait_for_url("**/article/?from=test")
        assert page.locator("[data-find-prompt]").count() == 0
        context.close()
