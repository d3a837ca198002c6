"""Journey 5 of shared/PRODUCT.md in headless Chromium: a therapist joins, verifies, fills in the
draft in the Wagtail editor and submits it; staff verify the license and approve; the profile is
live with the Verified badge; therapist A cannot open B's page. axe and vnu on the public pages."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from testing import assert_accessible
from therapists.models import Profession, ProfileDailyCount, TherapistProfilePage

from .accounts_support import make_therapist
from .fixtures import directory_page
from .insight_support import chart_total, check_chart, wait_for

pytestmark = pytest.mark.browser
PASSWORD = "calm-river-4821"
STAFF_PASSWORD = "a-long-test-password-42"


@pytest.fixture
def directory(live_db):
    directory_page()
    Profession.objects.get_or_create(name="Psychologist")
    Profession.objects.get_or_create(name="Counselor")
    editor = get_user_model().objects.create_user("eddie", "eddie@example.com", STAFF_PASSWORD)
    editor.groups.add(Group.objects.get(name="Editors"))
    other = make_therapist("Ben Zephyrson", "ben@example.com")
    return {"other": TherapistProfilePage.objects.get(owner=other)}


def check(page, html_validator, what):
    assert_accessible(page, what)
    html_validator.assert_page_valid(page, what)


def log_in(page, username, password):
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")


def test_therapist_joins_staff_verify_and_publish(directory, browser_page, html_validator):
    page = browser_page

    # Join, with one mistake first: the form comes back with the reason and the input kept.
    page.goto("/join/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Join — therapists only")
    check(page, html_validator, "join page")
    page.fill("#id_name", "Maya Okafor")
    page.fill("#id_email", "maya@example.com")
    page.fill("#id_password1", "password")
    page.fill("#id_password2", "password")
    page.select_option("#id_profession", label="Psychologist")
    page.fill("#id_license_type", "PsyD")
    page.fill("#id_license_number", "PSY-12345")
    page.select_option("#id_license_state", "OR")
    page.fill("#id_zip_code", "97214")
    page.check("#id_accept_terms")
    page.get_by_role("button", name="Join and confirm my email").click()
    expect(page.locator("#id_password1_error")).to_contain_text("too common")
    expect(page.locator("#id_name")).to_have_value("Maya Okafor")
    assert_accessible(page, "join page with errors")
    page.fill("#id_password1", PASSWORD)
    page.fill("#id_password2", PASSWORD)
    page.check("#id_accept_terms")
    page.get_by_role("button", name="Join and confirm my email").click()
    page.wait_for_url("**/join/check-your-email/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your email")
    check(page, html_validator, "check-your-email page")

    # The emailed link: a page with a button, then the draft in the Wagtail editor.
    (message,) = [m for m in mail.outbox if m.to == ["maya@example.com"]]
    link = re.search(r"https?://[^/\s]+(/join/verify/\S+)", message.body).group(1)
    page.goto(link)
    check(page, html_validator, "verification page")
    page.get_by_role("button", name="Confirm and open my profile").click()
    page.wait_for_url(re.compile(r"/admin/pages/\d+/edit/$"))
    expect(page.locator(".messages")).to_contain_text("Your email address is confirmed")
    profile_id = int(re.search(r"/pages/(\d+)/edit/", page.url).group(1))
    expect(page.locator("#id_title")).to_have_value("Maya Okafor")

    # Fill it in and submit it for review (no Publish button for a therapist).
    page.fill("#id_statement", "I help adults with anxiety and burnout find steadier ground.")
    page.get_by_role("button", name="More actions").click()
    expect(page.get_by_role("button", name="Publish", exact=True)).to_have_count(0)
    page.get_by_role("button", name="Submit to Profile review").click()
    expect(page.locator(".messages")).to_contain_text("submitted")
    page.goto("/admin/")
    expect(page.locator("#profile-status")).to_contain_text("In review")
    page.context.clear_cookies()

    # Staff: the review queue, the license check, approve.
    log_in(page, "eddie", STAFF_PASSWORD)
    review = page.locator("section", has_text="Awaiting your review")
    review.get_by_role("link", name="Maya Okafor").click()
    page.wait_for_url(f"**/admin/pages/{profile_id}/edit/")
    page.get_by_role("tab", name="License").click()
    page.check("#id_license_verified")
    page.fill("#id_license_verified_on", timezone.localdate().isoformat())
    page.keyboard.press("Escape")
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(page.locator(".messages")).to_contain_text("Maya Okafor")
    page.context.clear_cookies()

    # Live with the Verified badge.
    profile = TherapistProfilePage.objects.get(pk=profile_id)
    assert profile.live and profile.license_verified
    page.goto(profile.url)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Maya Okafor")
    expect(page.locator(".badge--verified").first).to_contain_text("Verified")

    # The visit above was counted by the page's beacon, as a daily total.
    wait_for(
        lambda: ProfileDailyCount.objects.filter(profile=profile, views=1).exists(),
        "the profile view counted",
    )

    # Therapist A logs in with their email; B's edit URL is refused, their own works.
    log_in(page, "maya@example.com", PASSWORD)
    expect(page.locator("#profile-status")).to_contain_text("Live in the directory")
    # Their dashboard charts how the profile performs: that one view, no messages yet.
    assert chart_total(page, "Profile views") == 1
    assert chart_total(page, "Messages") == 0
    check_chart(page, html_validator, "therapist dashboard")
    response = page.goto(f"/admin/pages/{directory['other'].pk}/edit/")
    assert response.status == 404
    expect(page.locator("body")).not_to_contain_text("Ben Zephyrson")
    response = page.goto(f"/admin/pages/{profile_id}/edit/")
    assert response.status == 200

    # The account page.
    page.goto("/account/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your account")
    check(page, html_validator, "account page")
