"""Services failing without taking the site down (docs/operations.md, "Services failing").

With Redis stopped the public pages still answer 200 and forms still post (rate limits fail
open); PostgreSQL connections give up quickly instead of hanging a worker.
"""

import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

from articles.models import Comment
from articles.models.commenting import COMMENT_RATE
from articles.tests.utils import make_article, make_author, make_index, make_topic, reply_data
from settings.parsers import redis_caches
from therapists.tests.fixtures import build_directory

pytestmark = pytest.mark.django_db
REPO_ROOT = Path(__file__).resolve().parents[2]


def closed_port():
    """A local port nothing listens on: connections to it are refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down():
    """The production cache settings, pointed at a Redis that is not running."""
    with override_settings(CACHES=redis_caches(f"redis://127.0.0.1:{closed_port()}/0")):
        yield


@pytest.fixture
def site_pages():
    index = make_index()
    article = make_article(
        index, "Coping with panic", topics=[make_topic("Anxiety")], authors=[make_author()]
    )
    _, _, people = build_directory()
    return article, people["A"]


def test_the_cache_is_really_down(redis_down):
    # The fixture is what the test claims: reads miss, writes vanish, nothing raises.
    cache.set("probe", 1)
    assert cache.get("probe") is None


def test_public_pages_answer_200_with_redis_down(client, redis_down, site_pages, caplog):
    article, profile = site_pages
    urls = [
        "/",
        "/articles/",
        article.url,
        "/articles/feed/",
        "/find-a-therapist/",
        "/find-a-therapist/?location=97214&radius=25",
        profile.url,
        "/find-a-therapist/locations/",
        "/search/?q=panic",
        "/sitemap.xml",
        "/robots.txt",
    ]
    with caplog.at_level(logging.ERROR, logger="django_redis"):
        for url in urls:
            response = client.get(url)
            assert response.status_code == 200, url
    # The outage is logged, not hidden.
    assert any(
        record.exc_info and "Connection refused" in str(record.exc_info[1])
        for record in caplog.records
    )


def test_forms_post_with_redis_down_rate_limits_fail_open(client, redis_down, site_pages):
    article, _ = site_pages
    limit = int(COMMENT_RATE.split("/")[0])
    for number in range(limit + 2):
        response = client.post(article.url, reply_data(article, body=f"Comment {number}."))
        assert response.status_code == 302
    assert Comment.objects.count() == limit + 2


def test_postgresql_connections_give_up_quickly():
    code = (
        "import settings.base as s; o = s.DATABASES['default'].get('OPTIONS', {}); "
        "print(o.get('connect_timeout'))"
    )
    env = {k: v for k, v in os.environ.items() if k != "DB_CONNECT_TIMEOUT"}

    def timeout_for(url):
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=REPO_ROOT / "site",
            env={**env, "DATABASE_URL": url},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert timeout_for("postgres://postgres@127.0.0.1:5432/mindwell") == "3"
    # SQLite has no such option (it would refuse it).
    assert timeout_for("sqlite:///tmp/x.sqlite3") == "None"
