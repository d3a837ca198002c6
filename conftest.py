"""Project-wide pytest fixtures: the browser harness and the HTML checker.

Browser tests (marked `browser`) run when BROWSER_TESTS=1 (CI sets it) and then fail
if Chromium, axe-core or vnu are missing. BROWSER_TESTS=auto (the default) runs them
when the tools are present and otherwise deselects them with a notice; BROWSER_TESTS=0
deselects them.
"""

import os

import pytest
from django.core.cache import cache

from testing import (
    CHROMIUM,
    CHROMIUM_ARGS,
    RECORD_CSP_VIOLATIONS,
    HtmlValidator,
    missing_browser_tools,
)

BROWSER_MODE = os.environ.get("BROWSER_TESTS", "auto").lower()


def _browser_tests_enabled():
    if BROWSER_MODE in {"1", "true", "yes"}:
        return True
    if BROWSER_MODE == "auto":
        return not missing_browser_tools()
    return False


def pytest_configure(config):
    if _browser_tests_enabled():
        # pytest-django's live_server runs in a thread beside Playwright's event loop.
        os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if _browser_tests_enabled():
        missing = missing_browser_tools()
        if missing:
            raise pytest.UsageError("BROWSER_TESTS=1 but these are missing: " + ", ".join(missing))
        return
    browser_items = [item for item in items if item.get_closest_marker("browser")]
    if browser_items:
        items[:] = [item for item in items if not item.get_closest_marker("browser")]
        config.hook.pytest_deselected(items=browser_items)
        reason = (
            "BROWSER_TESTS=0"
            if BROWSER_MODE not in {"auto"}
            else ("missing " + ", ".join(missing_browser_tools()))
        )
        config.browser_notice = f"{len(browser_items)} browser tests deselected ({reason})"


def pytest_terminal_summary(terminalreporter, config):
    fuzz = getattr(config, "fuzz_summary", None)  # home/tests/test_fuzz.py
    if fuzz:
        terminalreporter.write_line(fuzz)
    notice = getattr(config, "browser_notice", None)
    if notice:
        terminalreporter.write_line(notice, yellow=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: a rolled-back test's rows send no signal, so its
    cached frame (home/frame.py) must not outlive it, and the rate limits one test's posts used
    up (the fuzz suite's, say) must not refuse the next test's visitor."""
    cache.clear()
    yield


@pytest.fixture(scope="session")
def html_validator():
    validator = HtmlValidator()
    yield validator
    validator.close()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import expect, sync_playwright

    # Assertions wait as long as actions do: on a loaded 2-core CI machine the admin's live
    # preview can take longer than Playwright's default 5 s to render.
    expect.set_options(timeout=15_000)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """Keep the serialized migration data where every later connection can find it.

    Playwright's sync API runs test code in a greenlet with its own context, so Django
    hands it a fresh connection object that lacks `_test_serialized_contents`.
    """
    from django.db import connections

    yield {
        alias: getattr(connections[alias], "_test_serialized_contents", None)
        for alias in connections
    }


@pytest.fixture
def _share_serialized_contents(django_db_setup):
    from django.db import connections

    for alias, contents in django_db_setup.items():
        if contents is not None:
            connections[alias]._test_serialized_contents = contents


@pytest.fixture
def live_db(_share_serialized_contents, django_db_serialized_rollback, transactional_db):
    """A transactional database that starts from the migrations' data for every test.

    The live server sees committed data only, so its tests flush the database; serialized
    rollback restores what migrations created (root page, home page, site, groups).
    Request this (not transactional_db) in browser tests and their data fixtures.
    """


@pytest.fixture
def browser_page(chromium, live_db, live_server):
    """A fresh browser context per test, with live_server's URL as the base URL."""
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=True)
    context.set_default_timeout(15_000)
    context.add_init_script(RECORD_CSP_VIOLATIONS)  # read by testing.csp_violations
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="session", autouse=True)
def _media_in_a_temporary_folder(tmp_path_factory):
    """Images tests upload or the demo loader draws never land in the project's media folder."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=str(tmp_path_factory.mktemp("media"))):
        yield
