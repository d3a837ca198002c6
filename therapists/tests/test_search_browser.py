"""Issue 12 in headless Chromium at desktop and phone widths, axe and vnu clean on every state:
the prompt submitted with its defaults gives results; a city without a state lists its
places; a misspelling offers "Did you mean"; zero results offer links that remove filters."""

import re

import pytest
from django.core.management import call_command

from articles.models import ArticlePage
from testing import assert_accessible

pytestmark = pytest.mark.browser

WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}


@pytest.fixture(params=list(WIDTHS))
def sized_page(request, chromium, live_db, live_server):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    width, height = WIDTHS[request.param]
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": height}
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.width_name = request.param
    yield page
    context.close()


def check_page(page, html_validator, what):
    what = f"{what} at {page.width_name} width"
    assert_accessible(page, what)
    html_validator.assert_page_valid(page, what)


def total(page):
    return int(page.locator("#therapist-results").get_attribute("data-total"))


def search_for(page, place):
    """Type a place in the directory's own search bar and search."""
    finder = page.locator("#directory-search")
    finder.get_by_label("ZIP code, city or state").fill(place)
    finder.locator(".search-bar__submit").click()
    page.wait_for_load_state()


def test_prompt_with_its_defaults_finds_therapists(sized_page, html_validator):
    page = sized_page
    page.goto("/")
    prompt = page.get_by_role("region", name="Find the Right Therapist")
    assert prompt.get_by_label("Issue").input_value() == ""  # "Any issue"
    prompt.get_by_role("button", name="Find a therapist").click()
    page.wait_for_url(re.compile(r"/find-a-therapist/\?.*\bissue=(&|$)"))
    assert total(page) >= 40
    check_page(page, html_validator, "the prompt's default search")

    # The article sidebar's prompt too.
    page.goto(ArticlePage.objects.live().first().url)
    page.get_by_role("region", name="Find the Right Therapist").get_by_role(
        "button", name="Find a therapist"
    ).click()
    page.wait_for_url(re.compile(r"/find-a-therapist/\?"))
    assert total(page) >= 40


def test_place_search_forgives_and_zero_results_offer_ways_out(sized_page, html_validator):
    page = sized_page
    page.goto("/find-a-therapist/")

    # A city without a state: the places of that name, the biggest first.
    search_for(page, "Portland")
    assert page.locator("#results-heading").inner_text() == "Which Portland do you mean?"
    places = page.locator("#place-question li a")
    assert places.nth(0).inner_text() == "Portland, OR"
    assert places.nth(1).inner_text() == "Portland, ME"
    check_page(page, html_validator, "which Portland")
    places.nth(0).click()
    page.wait_for_url(re.compile(r"location=Portland%2C\+OR"))
    assert total(page) > 0

    # A misspelling: "Did you mean", with a link that searches.
    search_for(page, "Sacremento, CA")
    assert page.locator("#results-heading").inner_text() == "Did you mean Sacramento, CA?"
    check_page(page, html_validator, "did you mean")
    page.get_by_role("link", name="Sacramento, CA").click()
    page.wait_for_url(re.compile(r"location=Sacramento%2C\+CA"))
    assert total(page) > 0

    # Abbreviations read the same: St./Saint.
    page.goto("/find-a-therapist/?location=St.+Louis%2C+MO&radius=250")
    assert "Saint Louis, MO" in page.locator("#results-heading").inner_text()

    # Zero results: each filter with a link that removes it and what it would find.
    page.goto("/find-a-therapist/?location=97214&max_fee=10&age=adults")
    assert total(page) == 0
    ways = page.locator("#no-results")
    fee = ways.get_by_role("link", name="Remove “Session fee up to $10”")
    assert fee.is_visible()
    assert ways.get_by_role("link", name="Remove “Client age: Adults”").is_visible()
    assert ways.get_by_role("link", name="Search within 50 miles").is_visible()
    check_page(page, html_validator, "zero results")
    fee.click()
    page.wait_for_url(lambda url: "max_fee" not in url)
    assert total(page) > 0
