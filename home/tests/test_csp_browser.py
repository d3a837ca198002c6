"""The Content-Security-Policy holds in Chromium: the main pages run, scripts included, with
nothing blocked; the admin's report-only policy blocks nothing either."""

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from articles.models import ArticlePage
from testing import csp_violations
from therapists.models import TherapistIndexPage, TherapistProfilePage

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_site(live_db):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))


def main_pages():
    directory = TherapistIndexPage.objects.first()
    return {
        "home": "/",
        "article": ArticlePage.objects.live().first().url,
        "directory": directory.url,
        "directory results": directory.url + "?location=97214",
        "profile": TherapistProfilePage.objects.live().first().url,
        "search": "/search/?q=anxiety",
        "join": "/join/",
    }


def test_main_pages_break_no_rule_of_the_policy(demo_site, browser_page):
    page = browser_page
    console = []
    page.on("console", lambda message: console.append(message.text))
    for name, url in main_pages().items():
        response = page.goto(url)
        assert "script-src 'self'" in response.headers["content-security-policy"], name
        page.wait_for_load_state("networkidle")
        assert csp_violations(page, None) == [], name
    # The scripts run under it: search suggestions fetch from the site itself.
    title = ArticlePage.objects.live().first().title
    page.goto("/search/")
    box = page.locator(".site-header").get_by_role("combobox", name="Search articles")
    box.press_sequentially(title[:5], delay=30)
    page.locator(".site-header [role=listbox]").wait_for()
    assert csp_violations(page, None) == []
    # Every feature the Permissions-Policy names is one Chromium knows.
    assert [text for text in console if "Permissions-Policy" in text] == []


def test_json_ld_is_data_not_a_blocked_script(demo_site, browser_page):
    page = browser_page
    page.goto(ArticlePage.objects.live().first().url)
    assert page.locator('script[type="application/ld+json"]').count() >= 1
    assert csp_violations(page, None) == []


def test_the_admin_works_under_its_report_only_policy(demo_site, browser_page):
    """The page editor's inline scripts would be blocked by the public policy: report-only there
    (docs/security.md), so editors lose nothing while the reports show what is left."""
    get_user_model().objects.create_superuser("root", "root@example.com", "calm-river-4821")
    page = browser_page
    page.goto("/admin/login/")
    page.get_by_label("Username").fill("root")
    page.get_by_label("Password").fill("calm-river-4821")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/admin/")
    article = ArticlePage.objects.live().first()
    response = page.goto(f"/admin/pages/{article.pk}/edit/")
    assert "content-security-policy" not in response.headers
    assert "content-security-policy-report-only" in response.headers
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == []  # nothing enforced, so nothing blocked
    # A logged-in editor on the public site: the userbar runs under the enforced policy.
    page.goto("/")
    page.locator("[data-wagtail-userbar-trigger]").first.wait_for(state="attached")
    assert csp_violations(page) == []
