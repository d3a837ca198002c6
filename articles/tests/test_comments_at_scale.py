"""An article with thousands of comments (issue 16, `make bench-comments` times 20,000): its page
stays within the query budget on every page of comments, and Recent Comments, computed afresh
(a miss of the cached frame), still links each comment to the right page of comments."""

from datetime import timedelta

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles.models import Comment
from articles.models.comments import COMMENTS_PER_PAGE

from .utils import make_article, make_index, soup

pytestmark = pytest.mark.django_db

# PRODUCT.md's bar for every public page (search/tests/test_query_budget.py).
MAX_QUERIES = 12
APPROVED = 3000


@pytest.fixture
def busy_article():
    """APPROVED approved comments numbered 1…APPROVED, the newest last, with a pending one and a
    withdrawn one (#2, rejected after approval) among them."""
    article = make_article(make_index(), "A much-discussed article")
    now = timezone.now()
    Comment.objects.bulk_create(
        Comment(
            article=article,
            name=f"Reader {n}",
            email=f"reader{n}@example.com",
            body=f"Comment number {n}.",
            status="approved",
            number=n,
            created_at=now - timedelta(minutes=APPROVED + 10 - n),
        )
        for n in range(1, APPROVED + 2)
    )
    Comment.objects.filter(article=article, number=2).update(status="rejected")
    Comment.objects.create(
        article=article, name="Waiting", email="w@example.com", body="Pending.", status="pending"
    )
    return article


def queries_for(client, url):
    client.get(url)  # warm, as a running site is
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries), response


def test_every_page_of_comments_within_the_budget(client, busy_article):
    last = APPROVED // COMMENTS_PER_PAGE
    counts = {}
    for page in (1, last // 2, last):
        url = busy_article.url + (f"?comments={page}" if page > 1 else "")
        counts[page], _response = queries_for(client, url)
    assert set(counts.values()) == {counts[1]}, counts
    assert counts[1] <= MAX_QUERIES, counts


def test_the_last_page_shows_the_newest_comments(client, busy_article):
    last = APPROVED // COMMENTS_PER_PAGE
    html = client.get(busy_article.url + f"?comments={last}").content.decode()
    assert f"Comment number {APPROVED + 1}." in html  # the newest: #3001, at position 3000
    assert "Comment number 2." not in html and "Pending." not in html


def test_recent_comments_afresh_link_to_the_right_page(client, busy_article):
    cache.clear()  # the frame recomputed: Recent Comments counts each comment's position
    page = soup(client.get("/articles/"))
    links = [a["href"] for a in page.select(".recent-comments a[href*='#comment-']")]
    newest = Comment.objects.get(article=busy_article, number=APPROVED + 1)
    # #2 was withdrawn, so #3001 is the 3,000th shown: the last comment of page 60.
    expected = f"{busy_article.url}?comments={APPROVED // COMMENTS_PER_PAGE}#comment-{newest.pk}"
    assert links and links[0] == expected


def thread_text(response):
    """The page's list of comments (not Recent Comments, which quotes the newest anywhere)."""
    return soup(response).select_one(".comment-list").get_text(" ")


def test_pages_of_a_thread_without_gaps_read_a_range_of_numbers(client, busy_article):
    # Put #2 back: the numbers run 1…3001 with no gap, so a page is a range of numbers, not an
    # OFFSET past every earlier comment.
    Comment.objects.filter(article=busy_article, number=2).update(status="approved")
    last = (APPROVED + 1 - 1) // COMMENTS_PER_PAGE + 1
    with CaptureQueriesContext(connection) as queries:
        response = client.get(busy_article.url + f"?comments={last}")
    assert response.status_code == 200
    page_sql = [q["sql"] for q in queries if '"number" >' in q["sql"]]
    assert page_sql and not any("OFFSET" in sql for sql in page_sql)
    shown = thread_text(response)
    assert f"Comment number {APPROVED + 1}." in shown and "Comment number 3000." not in shown


def test_a_withdrawn_comment_leaves_no_hole_in_the_pages(client, busy_article):
    # #2 is withdrawn: page 1 shows #1 and #3…#51, page 2 starts at #52 (nothing skipped).
    first = thread_text(client.get(busy_article.url))
    second = thread_text(client.get(busy_article.url + "?comments=2"))
    assert "Comment number 51." in first and "Comment number 52." not in first
    assert "Comment number 52." in second and "Comment number 2." not in first + second
