"""Related articles when no editor chose them: the newest sharing the most topics, found level by
level (every topic shared, then one) so a topic of 100,000 articles costs as little as one of ten
(make bench-comments); the same order the counting query gave, which three topics still use."""

import pytest

from articles.models.article_page import newest_sharing_topics

from .utils import make_article, make_index, make_topic, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelf():
    index = make_index()
    sleep, worry, grief = make_topic("Sleep"), make_topic("Worry"), make_topic("Grief")
    made = {
        "this": make_article(index, "This one", topics=[sleep, worry], days_ago=0),
        "both old": make_article(index, "Both, old", topics=[sleep, worry], days_ago=30),
        "both older": make_article(index, "Both, older", topics=[sleep, worry], days_ago=40),
        "sleep new": make_article(index, "Sleep, new", topics=[sleep], days_ago=1),
        "worry mid": make_article(index, "Worry, mid", topics=[worry], days_ago=5),
        "grief newest": make_article(index, "Grief, newest", topics=[grief], days_ago=0),
        "draft": make_article(index, "Draft", topics=[sleep, worry], publish=False),
    }
    return made, (sleep, worry, grief)


def titles(articles):
    return [article.title for article in articles]


def test_every_topic_shared_first_then_one_newest_first(shelf):
    made, (sleep, worry, _grief) = shelf
    this = made["this"]
    assert titles(newest_sharing_topics(this, [sleep.pk, worry.pk], count=5)) == [
        "Both, old",
        "Both, older",
        "Sleep, new",
        "Worry, mid",
    ]
    assert titles(newest_sharing_topics(this, [sleep.pk, worry.pk], count=3)) == [
        "Both, old",
        "Both, older",
        "Sleep, new",
    ]
    assert titles(newest_sharing_topics(this, [worry.pk], count=3)) == [
        "Worry, mid",
        "Both, old",
        "Both, older",
    ]


def test_three_topics_keep_the_counting_order(shelf):
    made, (sleep, worry, grief) = shelf
    found = newest_sharing_topics(made["this"], [sleep.pk, worry.pk, grief.pk], count=6)
    assert titles(found)[:2] == ["Both, old", "Both, older"]
    assert set(titles(found)[2:]) == {"Sleep, new", "Worry, mid", "Grief, newest"}


def test_the_page_shows_them_and_a_new_article_appears_at_once(client, shelf):
    made, (sleep, worry, _grief) = shelf
    page = soup(client.get(made["this"].url))
    shown = [h.get_text(strip=True) for h in page.select(".related-articles h3")]
    assert shown == ["Both, old", "Both, older", "Sleep, new"]
    make_article(made["this"].get_parent(), "Both, today", topics=[sleep, worry], days_ago=0)
    page = soup(client.get(made["this"].url))  # the cached frame started afresh
    shown = [h.get_text(strip=True) for h in page.select(".related-articles h3")]
    assert shown == ["Both, today", "Both, old", "Both, older"]
