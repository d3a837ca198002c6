"""Journey 5 of shared/PRODUCT.md in headless Chromium: a therapist joins, verifies, fills in the
draft in the Wagtail editor and submits it; staff verify the license and approve; the profile is
live with the Verified badge; therapist A cannot open B's page; months later the availability
reminder's one-click link and the dashboard's waiting messages (issue 18). axe and vnu on the
public pages."""

import re
from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from testing import assert_accessible
from therapists.models import (
    ContactMessage,
    Profession,
    ProfileAvailability,
    ProfileDailyCount,
    TherapistProfilePage,
)

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

    # Months later: the availability is stale and a visitor's message has waited 8 days.
    ProfileAvailability.objects.filter(profile_id=profile_id).update(
        confirmed_on=timezone.localdate() - timedelta(days=100)
    )
    waiting = ContactMessage.objects.create(
        profile_id=profile_id,
        name="Olive Waiting",
        email="o@example.com",
        message="Hi",
        consent=True,
    )
    ContactMessage.objects.filter(pk=waiting.pk).update(
        created_at=timezone.now() - timedelta(days=8)
    )
    mail.outbox.clear()
    call_command("check_directory_listings", stdout=StringIO())

    # The reminder's one-click link: no log-in, a page with buttons, works once.
    reminder = next(m for m in mail.outbox if "Still accepting" in m.subject)
    link = re.search(r"https?://[^/\s]+(/directory/availability/\S+)", reminder.body).group(1)
    page.context.clear_cookies()
    page.goto(link)
    check(page, html_validator, "availability reminder page")
    page.get_by_role("button", name="Yes, still accepting new clients").click()
    expect(page.locator("#availability-answer")).to_contain_text("now says you are accepting")
    check(page, html_validator, "availability answered page")
    assert ProfileAvailability.objects.get(profile_id=profile_id).confirmed_on == (
        timezone.localdate()
    )
    assert page.goto(link).status == 410
    expect(page.get_by_role("heading", level=1)).to_have_text("This link was already used")

    # The dashboard lists the waiting message as overdue; the reminder email's link opens it.
    log_in(page, "maya@example.com", PASSWORD)
    waiting_list = page.locator("#unanswered-messages")
    expect(waiting_list).to_contain_text("overdue")
    expect(waiting_list).to_contain_text("Olive Waiting")
    nudge = next(m for m in mail.outbox if "waiting for your reply" in m.subject)
    path = re.search(r"https?://[^/\s]+(/admin/my-messages/\d+/)", nudge.body).group(1)
    page.goto(path)
    page.get_by_role("button", name="Mark as handled").click()
    page.goto("/admin/")
    expect(page.locator("#unanswered-messages")).to_have_count(0)
