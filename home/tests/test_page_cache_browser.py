"""The page cache in a browser: Chromium through the real Varnish in front of Django's live test
server (fixtures in conftest.py). A reader comments from the cached article and
"Don't show me this again" picks the cached variant without the box, with and without JavaScript.
"""

import pytest
from playwright.sync_api import expect

from articles.models import Comment
from home.tests.conftest import needs_varnish
from therapists.tests.fixtures import directory_page

pytestmark = [needs_varnish, pytest.mark.browser]


@pytest.fixture
def cached_browser(chromium, cached_site):
    """Chromium pointed at Varnish, with JavaScript on or off (`cached_browser(js=False)`)."""
    stack, _ = cached_site
    contexts = []

    def open_page(js=True):
        context = chromium.new_context(
            base_url=f"http://127.0.0.1:{stack.port}", java_script_enabled=js
        )
        context.set_default_timeout(15_000)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_a_reader_comments_from_the_cached_article_in_a_browser(cached_browser, cached_site, js):
    _, article = cached_site
    page = cached_browser(js=js)
    assert page.goto(article.url).headers["x-cache"] in {"miss", "hit"}
    assert page.reload().headers["x-cache"] == "hit"  # the second load comes from Varnish
    assert page.context.cookies() == []
    reply = page.locator("form.comment-form")
    reply.get_by_role("textbox", name="Name", exact=True).fill("Jamie Rivera")
    reply.get_by_role("textbox", name="Email", exact=True).fill("jamie@example.com")
    reply.get_by_role("textbox", name="Comment", exact=True).fill("Thank you for this.")
    reply.get_by_role("button", name="Post Comment").click()
    expect(page.locator("#reply")).to_contain_text("awaiting moderation")
    assert Comment.objects.get(name="Jamie Rivera").status == Comment.Status.PENDING


@pytest.mark.parametrize("js", [True, False], ids=["js", "no-js"])
def test_dont_show_me_this_again_on_a_cached_article(cached_browser, cached_site, js):
    _, article = cached_site
    directory_page()  # the box links to the directory
    page = cached_browser(js=js)
    page.goto(article.url)
    assert page.reload().headers["x-cache"] == "hit"
    prompt = page.locator("[data-find-prompt]")
    expect(prompt).to_be_visible()
    page.get_by_role("button", name="Don't show me this again.").click()
    expect(prompt).to_have_count(0)
    # Every later visit gets the other variant of the cached page, without the box.
    again = page.reload()
    assert again.headers["x-cache"] in {"miss", "hit"}
    expect(page.locator("[data-find-prompt]")).to_have_count(0)
    assert page.reload().headers["x-cache"] == "hit"
    expect(page.locator("[data-find-prompt]")).to_have_count(0)
