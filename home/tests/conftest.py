"""Fixtures of the page-cache tests that run the site behind a real Varnish
(test_page_cache_live.py, test_page_cache_browser.py)."""

import os

import pytest
from wagtail.models import Site

from articles.tests.utils import make_article, make_author, make_comment, make_index, make_topic
from deploy.preflight import missing_packages
from deploy.stack import Stack
from home.models import SiteSettings
from home.tests.test_varnish import free_port

needs_varnish = pytest.mark.skipif(
    bool(missing_packages()) and not os.environ.get("CI"),
    reason="Varnish is not installed (apt-get install varnish varnish-modules)",
)


@pytest.fixture(scope="module")
def varnish(live_server):
    port = urlsplit_port(live_server.url)
    stack = Stack(
        dict(os.environ),
        port=free_port(),
        backend_port=port,
        gunicorn=False,
        worker=False,
        cache_size="32m",
        quiet=True,
    )
    with stack:
        yield stack


def urlsplit_port(url):
    return int(url.rsplit(":", 1)[1].strip("/"))


@pytest.fixture
def cached_site(varnish, live_db, settings):
    """An article with a comment, its index, topic and author, served through `varnish`;
    purges reach it. Returns (the Varnish stack, the article)."""
    settings.FRONTEND_CACHE_URL = f"http://127.0.0.1:{varnish.port}"
    settings.FORM_MIN_SECONDS_TO_SUBMIT = 0  # the page was served a moment ago
    index = make_index()
    topic, author = make_topic(), make_author()
    article = make_article(index, "Sleep and worry", authors=[author], topics=[topic])
    make_comment(article, name="Earlier Reader")
    SiteSettings.for_site(Site.objects.get(is_default_site=True))
    return varnish, article
