"""Issue 17, item 7 on the article: topics map to the directory's issues; an article links to
the directory filtered by them and names /directory/near/ for its script; the page is the same
for every reader (no cookie read or set, cacheable) whatever cookie the reader carries; plain
share links; the print stylesheet."""

import pytest
from django.contrib.staticfiles import finders

from articles.tests.utils import make_article, make_index, make_topic, soup
from home.absolute import base_url
from therapists.models import Issue
from therapists.tests.fixtures import directory_page

pytestmark = pytest.mark.django_db


@pytest.fixture
def article():
    directory_page()
    anxiety = make_topic("Anxiety")
    sleep = make_topic("Sleep")
    anxiety.issues.set([Issue.objects.create(name="Anxiety", slug="anxiety")])
    sleep.issues.set(
        [
            Issue.objects.create(name="Sleep and insomnia", slug="sleep-and-insomnia"),
            Issue.objects.create(name="Anxiety and panic", slug="panic"),
        ]
    )
    return make_article(make_index(), "Worry at night", topics=[anxiety, sleep])


def test_links_to_the_directory_filtered_by_each_issue(client, article):
    help_section = soup(client.get(article.url)).find(class_="article-help")
    links = [(a["href"], a.get_text()) for a in help_section.select(".article-help__links a")]
    assert links == [
        ("/find-a-therapist/?issue=anxiety", "Find a therapist for anxiety"),
        ("/find-a-therapist/?issue=panic", "Find a therapist for anxiety and panic"),
        ("/find-a-therapist/?issue=sleep-and-insomnia", "Find a therapist for sleep and insomnia"),
    ]
    assert help_section["data-near-url"] == (
        "/directory/near/?issue=anxiety&issue=panic&issue=sleep-and-insomnia"
    )


def test_no_section_for_unmapped_topics(client):
    directory_page()
    article = make_article(make_index(), "Plain", topics=[make_topic("Grief")])
    assert soup(client.get(article.url)).find(class_="article-help") is None


def test_the_page_is_the_same_for_a_reader_with_a_place(client, article):
    anonymous = client.get(article.url)
    client.cookies["mw_place"] = "97214"
    with_place = client.get(article.url)
    assert with_place.content == anonymous.content
    assert "public" in with_place["Cache-Control"]
    assert not with_place.cookies


def test_share_links_are_plain_links(client, article):
    page = soup(client.get(article.url))
    share = page.find(class_="article-share")
    hrefs = {a.get_text(): a["href"] for a in share.select(".article-share__links a")}
    assert hrefs["Email"].startswith("mailto:?subject=Worry%20at%20night&body=http")
    assert hrefs["Facebook"].startswith("https://www.facebook.com/sharer/sharer.php?u=http")
    assert set(hrefs) == {"Email", "Bluesky", "Facebook", "LinkedIn", "X"}
    copy = share.find("button", attrs={"data-copy-link": True})
    assert copy.has_attr("hidden") and copy["data-copy-link"].endswith(article.url)
    # Nothing on the page loads from another host: only links point there.
    for tag, attr in (("script", "src"), ("img", "src"), ("link", "href"), ("iframe", "src")):
        for element in page.find_all(tag, attrs={attr: True}):
            assert element[attr].startswith(("/", base_url() + "/")), element


def test_print_stylesheet_leaves_out_what_paper_cannot_use(client, article):
    page = soup(client.get(article.url))
    assert page.find("link", href="/static/articles/article-trust.css") is not None
    with open(finders.find("articles/article-trust.css")) as css:
        rules = css.read().split("@media print", 1)[1]
    for selector in (".site-header", ".article-sidebar", ".comment-reply", ".article-share"):
        assert selector in rules


def test_editors_choose_a_topics_issues(admin_client, admin_user):
    from wagtail.admin.admin_url_finder import AdminURLFinder

    topic = make_topic("Grief")
    grief = Issue.objects.create(name="Grief and loss", slug="grief-and-loss")
    Issue.objects.create(name="Anger", slug="anger")
    url = AdminURLFinder(admin_user).get_edit_url(topic)
    page = soup(admin_client.get(url))
    boxes = page.find_all("input", attrs={"name": "issues"})
    assert sorted(box.parent.get_text(strip=True) for box in boxes) == ["Anger", "Grief and loss"]
    response = admin_client.post(
        url, {"name": "Grief", "slug": "grief", "description": "", "issues": [grief.pk]}
    )
    assert response.status_code == 302
    assert list(topic.issues.all()) == [grief]
