"""Journey 3 of PRODUCT.md: a visitor searches articles by Title, Content or Author from the
header of any page and gets exactly that scope, best first; suggestions by keyboard; the same
without JavaScript; axe and vnu on the results, empty and error pages."""

import re

import pytest
from playwright.sync_api import expect

from testing import assert_accessible

from .test_search import build_corpus

pytestmark = pytest.mark.browser


@pytest.fixture
def live_corpus(live_db):
    return build_corpus()


def result_titles(page):
    return page.locator("#search-results .search-result__title a").all_inner_texts()


def check_page(page, html_validator, name):
    assert_accessible(page, name)
    html_validator.assert_page_valid(page, name)


class TestSearchJourney:
    def test_visitor_searches_each_scope(self, live_corpus, browser_page, html_validator):
        page = browser_page
        page.goto("/")
        header = page.locator(".site-header form[role=search]")
        # The header's scopes are a menu (compact on a phone); the results page keeps radios.
        header.get_by_label("Search in").select_option("content")
        header.get_by_role("combobox", name="Search articles").fill("garden")
        header.get_by_role("button", name="Search").click()
        page.wait_for_url(re.compile(r"/search/\?"))
        assert "q=garden" in page.url and "scope=content" in page.url
        expect(page.locator("#search-results")).to_have_attribute("data-total", "1")
        assert result_titles(page) == ["Worry time"]
        expect(page.locator(".search-page__count")).to_have_text("1 result for “garden” in Content")
        expect(page.locator("#search-results mark").first).to_have_text("garden")
        check_page(page, html_validator, "results page")

        # The results page's own form keeps the query; switch scope to Author, then Title.
        form = page.locator(".search-page form[role=search]")
        expect(form.get_by_role("combobox")).to_have_value("garden")
        form.get_by_label("Author").check()
        form.get_by_role("button", name="Search").click()
        page.wait_for_url(re.compile(r"scope=author"))
        assert result_titles(page) == ["Sleep and mood"]
        form.get_by_label("Title").check()
        form.get_by_role("button", name="Search").click()
        page.wait_for_url(re.compile(r"scope=title"))
        assert result_titles(page) == ["Garden time for calm"]

        # All three: the title match first, the text-only match last.
        form.get_by_label("All").check()
        form.get_by_role("button", name="Search").click()
        page.wait_for_url(re.compile(r"scope=&|scope=$"))
        assert result_titles(page) == ["Garden time for calm", "Sleep and mood", "Worry time"]
        page.get_by_role("link", name="Newest first").click()
        assert result_titles(page) == ["Worry time", "Sleep and mood", "Garden time for calm"]

        # A result opens its article.
        page.get_by_role("link", name="Garden time for calm").click()
        expect(page.locator("h1")).to_have_text("Garden time for calm")

    def test_empty_and_error_pages(self, live_corpus, browser_page, html_validator):
        page = browser_page
        page.goto("/search/?q=okafor&scope=content")
        expect(page.locator("#search-results")).to_have_attribute("data-total", "0")
        expect(page.locator(".search-empty h2")).to_contain_text("No articles match")
        check_page(page, html_validator, "no results page")
        page.goto("/search/")
        expect(page.locator(".search-empty")).to_contain_text("Browse by topic")
        check_page(page, html_validator, "search page without a query")
        response = page.goto("/search/?q=garden&scope=everything")
        assert response.status == 400
        expect(page.get_by_role("alert")).to_contain_text("is not a search scope")
        assert_accessible(page, "unknown scope page")

    def test_suggestions_by_keyboard(self, live_corpus, browser_page):
        page = browser_page
        page.goto("/articles/")
        box = page.locator(".site-header").get_by_role("combobox", name="Search articles")
        expect(box).to_have_attribute("aria-expanded", "false")
        box.press_sequentially("gard", delay=30)
        listbox = page.locator(".site-header [role=listbox]")
        expect(listbox).to_be_visible()
        expect(box).to_have_attribute("aria-expanded", "true")
        options = listbox.get_by_role("option")
        expect(options).to_have_count(2)
        expect(page.locator(".site-header [role=status]")).to_contain_text("2 suggestions")
        box.press("ArrowDown")
        first_id = options.first.get_attribute("id")
        expect(box).to_have_attribute("aria-activedescendant", first_id)
        expect(options.first).to_have_attribute("aria-selected", "true")
        box.press("Escape")
        expect(box).to_have_attribute("aria-expanded", "false")
        box.press("ArrowDown")
        expect(listbox).to_be_visible()
        # Authors come first, then titles: choose the article.
        box.press("ArrowDown")
        box.press("ArrowDown")
        expect(options.nth(1)).to_have_attribute("aria-selected", "true")
        box.press("Enter")
        expect(page.locator("h1")).to_have_text("Garden time for calm")

    def test_works_without_javascript(self, live_corpus, chromium, live_server):
        context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
        try:
            page = context.new_page()
            page.goto("/")
            header = page.locator(".site-header form[role=search]")
            header.get_by_label("Search in").select_option("author")
            header.get_by_role("searchbox", name="Search articles").fill("Maya Okafor")
            header.get_by_role("searchbox", name="Search articles").press("Enter")
            page.wait_for_url(re.compile(r"/search/\?"))
            assert sorted(result_titles(page)) == ["Panic attacks explained", "Worry time"]
        finally:
            context.close()
