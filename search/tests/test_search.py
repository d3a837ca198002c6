"""Article search: each scope's exact result set, the ranking rule, the results and empty pages,
bad input, suggestions, logging and promotions, and documents following publishing. Runs on
SQLite (FTS5) and PostgreSQL (full-text search)."""

import json

import pytest
from django.db import connection
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from articles.tests.utils import make_article, make_author, make_index, make_topic, soup
from search import documents
from search.models import ApprovedSearchTerm, ContentDocument, TitleDocument

pytestmark = pytest.mark.django_db


def body(*paragraphs):
    return [("paragraph", f"<p>{text}</p>") for text in paragraphs]


def build_corpus():
    """Six articles whose words are placed so that each scope has one exact answer."""
    index = make_index()
    calm = make_topic("Calm")
    maya = make_author("Maya Okafor")
    daniel = make_author("Daniel Reyes")
    sam = make_author("Sam Garden")
    articles = {
        # "garden" in the title only.
        "title": make_article(
            index,
            "Garden time for calm",
            authors=[daniel],
            topics=[calm],
            days_ago=5,
            standfirst="Digging soil quietly.",
            body=body("Weeding slowly can settle a busy mind."),
        ),
        # "garden" in the author's name only.
        "author": make_article(
            index,
            "Sleep and mood",
            authors=[sam],
            days_ago=3,
            standfirst="Rest and feeling low travel together.",
            body=body("A steady waking time helps."),
        ),
        # "garden" in the text only, many times, and the newest of the three.
        "content": make_article(
            index,
            "Worry time",
            authors=[maya],
            days_ago=1,
            standfirst="A small technique for an overactive mind.",
            body=body(
                "Picture your worries as a garden. Tend the garden daily; "
                "a garden left alone grows weeds, and a garden tended grows calmer."
            ),
        ),
        # "breathing" only in the standfirst (content), twice "worry" in the body.
        "standfirst": make_article(
            index,
            "Panic attacks explained",
            authors=[maya, daniel],
            days_ago=2,
            standfirst="Slow breathing shortens the surge.",
            body=body("Worry about the next attack keeps panic going. Worry less, move more."),
        ),
        # Same title as the next one (a tie), older.
        "older twin": make_article(
            index,
            "Notes on resilience",
            authors=[daniel],
            days_ago=20,
            body=body("An older note about bouncing back after setbacks."),
        ),
        "newer twin": make_article(
            index,
            "Notes on resilience",
            authors=[daniel],
            days_ago=10,
            body=body("A newer note about bouncing back after setbacks."),
        ),
    }
    make_article(index, "Garden draft never published", authors=[sam], publish=False)
    documents.rebuild()
    return {"index": index, "articles": articles, "authors": (maya, daniel, sam), "topic": calm}


@pytest.fixture
def corpus():
    return build_corpus()


def results(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == 200, response.content[:500]
    page = soup(response)
    listing = page.select_one("#search-results")
    assert listing is not None
    titles = [a.get_text() for a in listing.select(".search-result__title a")]
    return titles, int(listing["data-total"]), page


class TestScopes:
    def test_title_matches_titles_only(self, client, corpus):
        titles, total, _ = results(client, q="garden", scope="title")
        assert titles == ["Garden time for calm"]
        assert total == 1

    def test_content_matches_standfirst_and_body_only(self, client, corpus):
        assert results(client, q="garden", scope="content")[0] == ["Worry time"]
        assert results(client, q="breathing", scope="content")[0] == ["Panic attacks explained"]

    def test_content_never_returns_a_title_or_author_only_match(self, client, corpus):
        # "calm" is in a title (and a topic name), "okafor" an author's name: not in any text.
        assert results(client, q="calm", scope="content")[0:2] == ([], 0)
        assert results(client, q="okafor", scope="content")[0:2] == ([], 0)

    def test_author_matches_full_name_or_any_part(self, client, corpus):
        mine = ["Worry time", "Panic attacks explained"]
        for q in ("Maya Okafor", "okafor", "MAYA"):
            titles, total, _ = results(client, q=q, scope="author")
            assert sorted(titles) == sorted(mine), q
            assert total == 2
        assert results(client, q="garden", scope="author")[0] == ["Sleep and mood"]

    def test_all_scopes_are_the_union_title_first(self, client, corpus):
        titles, total, _ = results(client, q="garden")
        # The newest, most "garden"-filled article matches only by its text: it comes last.
        assert titles == ["Garden time for calm", "Sleep and mood", "Worry time"]
        assert total == 3

    def test_unpublished_articles_are_never_found(self, client, corpus):
        assert "Garden draft never published" not in results(client, q="draft")[0]

    def test_ties_newest_first(self, client, corpus):
        titles, _, page = results(client, q="resilience", scope="title")
        links = [a["href"] for a in page.select("#search-results .search-result__title a")]
        assert titles == ["Notes on resilience", "Notes on resilience"]
        newer = corpus["articles"]["newer twin"].url
        older = corpus["articles"]["older twin"].url
        assert links == [newer, older]

    def test_best_first_in_content(self, client, corpus):
        # Same text length class; the article saying "garden" four times beats none here, and
        # "worry" twice in a body beats "worries" (another word on SQLite, one stem on PG).
        titles, _, _ = results(client, q="worry", scope="content")
        assert titles[0] == "Panic attacks explained"

    def test_newest_first_sort(self, client, corpus):
        titles, total, _ = results(client, q="garden", sort="newest")
        assert titles == ["Worry time", "Sleep and mood", "Garden time for calm"]
        assert total == 3

    def test_stemming_is_the_databases(self, client, corpus):
        titles, _, _ = results(client, q="gardens", scope="content")
        if connection.vendor == "postgresql":
            assert titles == ["Worry time"]  # English stemming: gardens = garden
        else:
            assert titles == []  # SQLite FTS5's unicode61 tokenizer does not stem

    def test_every_word_must_match(self, client, corpus):
        assert results(client, q="garden weeds", scope="content")[0] == ["Worry time"]
        assert results(client, q="garden breathing", scope="content")[0] == []


class TestResultsPage:
    def test_heading_count_and_result_details(self, client, corpus):
        titles, total, page = results(client, q="garden", scope="content")
        count = page.select_one(".search-page__count").get_text(" ", strip=True)
        assert count == "1 result for “garden” in Content"
        result = page.select_one("#search-results .search-result")
        meta = result.select_one(".search-result__meta").get_text(" ", strip=True)
        assert "By Maya Okafor" in meta
        assert result.select_one("time")["datetime"]
        excerpt = result.select_one(".search-result__excerpt")
        assert [mark.get_text() for mark in excerpt.select("mark")][:2] == ["garden", "garden"]

    def test_all_scope_heading_and_topic_links(self, client, corpus):
        _, _, page = results(client, q="garden")
        text = page.select_one(".search-page__count").get_text(" ", strip=True)
        assert text == "3 results for “garden” in Title, Content and Author"
        topic_link = page.select_one("#search-results .search-result__meta a")
        assert topic_link["href"] == "/articles/topics/calm/"

    def test_pagination(self, client, corpus):
        index = corpus["index"]
        for number in range(12):
            make_article(index, f"Lantern {number}", days_ago=30 + number)
        documents.rebuild()
        first, total, page = results(client, q="lantern", scope="title")
        assert total == 12 and len(first) == 10
        assert page.select_one("nav.pagination a[rel=next]")["href"].endswith("page=2")
        second, _, _ = results(client, q="lantern", scope="title", page=2)
        assert len(second) == 2
        assert not set(first) & set(second)

    def test_header_search_box_on_every_page(self, client, corpus):
        for url in ("/", "/articles/", corpus["articles"]["title"].url):
            page = soup(client.get(url))
            form = page.select_one(".site-header form[role=search]")
            assert form["action"] == "/search/" and form["method"] == "get"
            scopes = [option["value"] for option in form.select("select[name=scope] option")]
            assert scopes == ["", "title", "content", "author"]
            assert (
                form.select_one(f"label[for={form.select_one('select')['id']}]").text == "Search in"
            )

    def test_search_box_keeps_the_query_and_scope(self, client, corpus):
        _, _, page = results(client, q="garden", scope="author")
        form = page.select_one(".search-page form[role=search]")
        assert form.select_one("input[name=q]")["value"] == "garden"
        assert form.select_one("input[name=scope][checked]")["value"] == "author"


class TestEmptyStates:
    def test_no_query_shows_topics_and_popular_searches(self, client, corpus):
        ApprovedSearchTerm.objects.create(query_string="garden")  # an editor read it
        for _ in range(3):
            client.get("/search/", {"q": "garden"})
        response = client.get("/search/")
        assert response.status_code == 200
        page = soup(response)
        assert page.select_one("#search-results") is None
        empty = page.select_one(".search-empty")
        assert "Calm" in [a.get_text() for a in empty.select("a")]
        assert "garden" in [a.get_text() for a in empty.select(".search-empty__chips a")]

    def test_no_results_suggests_other_scopes(self, client, corpus):
        titles, total, page = results(client, q="okafor", scope="content")
        assert (titles, total) == ([], 0)
        empty = page.select_one(".search-empty")
        assert "No articles match “okafor” in Content" in empty.get_text(" ", strip=True)
        links = {a.get_text(): a["href"] for a in empty.select("a")}
        assert "scope=author" in links["Author"]


class TestBadInput:
    def test_very_long_query_is_shortened_with_a_notice(self, client, corpus):
        response = client.get("/search/", {"q": "garden " + "x" * 5000, "scope": "title"})
        assert response.status_code == 200
        notice = soup(response).select_one(".search-page__notice").get_text()
        assert "too long" in notice

    @pytest.mark.parametrize(
        "q",
        [
            "' OR 1=1 --",
            "%_%",
            "garden%",
            "\\",
            '"unbalanced',
            "a & b | !c:* <-> (d",
            "NEAR(x y) AND OR NOT",
            "тревога 😊 不安",
            "x" * 5000,
            "\u0000garden",
            "   ",
        ],
    )
    def test_metacharacters_and_unicode_never_fail(self, client, corpus, q):
        for scope in ("", "title", "content", "author"):
            response = client.get("/search/", {"q": q, "scope": scope})
            assert response.status_code == 200, (q, scope)

    def test_metacharacters_are_only_separators(self, client, corpus):
        assert results(client, q="garden%", scope="title")[0] == ["Garden time for calm"]
        assert results(client, q="'garden'", scope="title")[0] == ["Garden time for calm"]

    def test_unknown_scope_is_a_clear_400(self, client, corpus):
        response = client.get("/search/", {"q": "garden", "scope": "everything"})
        assert response.status_code == 400
        assert "is not a search scope" in soup(response).select_one("[role=alert]").get_text()

    def test_unknown_sort_and_repeated_parameters_are_400(self, client, corpus):
        assert client.get("/search/", {"q": "garden", "sort": "random"}).status_code == 400
        assert client.get("/search/?q=a&q=b").status_code == 400
        assert client.get("/search/?q=a&scope=title&scope=author").status_code == 400

    @pytest.mark.parametrize("page", ["0", "-1", "abc", "99", "1.5", "9" * 30])
    def test_bad_page_numbers_are_404_pages(self, client, corpus, page):
        response = client.get("/search/", {"q": "garden", "page": page})
        assert response.status_code == 404
        assert b"of these results" in response.content or b"page" in response.content


class TestSuggestions:
    def test_titles_and_authors_as_json(self, client, corpus):
        response = client.get("/search/suggest/", {"q": "gard"})
        assert response.status_code == 200
        data = json.loads(response.content)
        labels = {(s["kind"], s["label"]): s["url"] for s in data["suggestions"]}
        assert labels[("Article", "Garden time for calm")] == corpus["articles"]["title"].url
        assert labels[("Author", "Sam Garden")] == "/search/?q=Sam+Garden&scope=author"

    def test_short_or_bad_input_gives_no_suggestions(self, client, corpus):
        for q in ("", "g", "%%", "' OR 1=1"):
            response = client.get("/search/suggest/", {"q": q})
            assert response.status_code == 200
        assert json.loads(client.get("/search/suggest/?q=g").content)["suggestions"] == []
        assert client.get("/search/suggest/?q=a&q=b").status_code == 400


class TestEditors:
    def test_searches_are_logged_for_popular_searches(self, client, corpus):
        client.get("/search/", {"q": "Garden  "})
        client.get("/search/", {"q": "garden"})
        client.get("/search/", {"q": "garden", "page": "1", "scope": "title"})
        assert Query.objects.get(query_string="garden").hits == 3
        client.get("/search/")
        assert Query.objects.count() == 1

    def test_promoted_results_come_first(self, client, corpus):
        promoted = corpus["articles"]["standfirst"]
        SearchPromotion.objects.create(
            query=Query.get("garden"), page=promoted, description="Start here."
        )
        _, _, page = results(client, q="garden")
        box = page.select_one(".search-promotions")
        assert box.select_one("a")["href"] == promoted.url
        assert "Start here." in box.get_text()


class TestDocumentsFollowPublishing:
    def test_publish_unpublish_and_rename(self, client, corpus, django_capture_on_commit_callbacks):
        index = corpus["index"]
        with django_capture_on_commit_callbacks(execute=True):
            article = make_article(index, "Fresh orchard notes", days_ago=0)
        assert results(client, q="orchard", scope="title")[0] == ["Fresh orchard notes"]
        with django_capture_on_commit_callbacks(execute=True):
            article.unpublish()
        assert results(client, q="orchard", scope="title")[0] == []
        assert not TitleDocument.objects.filter(article_id=article.pk).exists()

        sam = corpus["authors"][2]
        with django_capture_on_commit_callbacks(execute=True):
            sam.name = "Sam Hedgerow"
            sam.save()
        assert results(client, q="hedgerow", scope="author")[0] == ["Sleep and mood"]
        assert results(client, q="garden", scope="author")[0] == []

    def test_deleting_an_article_removes_its_documents(self, client, corpus):
        article = corpus["articles"]["content"]
        article.delete()
        assert not ContentDocument.objects.filter(article_id=article.pk).exists()
        assert results(client, q="garden", scope="content")[0] == []


class TestEditorsGroup:
    def test_editors_may_promote_search_results(self):
        from django.contrib.auth.models import Group

        codenames = set(
            Group.objects.get(name="Editors")
            .permissions.filter(content_type__app_label="wagtailsearchpromotions")
            .values_list("codename", flat=True)
        )
        assert {"add_searchpromotion", "change_searchpromotion"} <= codenames


class TestTiers:
    def test_an_article_matching_several_scopes_is_listed_once(self, client, corpus):
        titles, total, _ = results(client, q="panic")
        assert titles == ["Panic attacks explained"]
        assert total == 1

    def test_engines_without_sql_subqueries_get_id_lists(self, corpus):
        """Elasticsearch/OpenSearch results have no queryset: the tiers exclude by id lists."""
        from wagtail.search.backends import get_search_backend

        from search.query import ArticleSearch

        class ResultsWithoutQueryset:
            def __init__(self, results):
                self.results = results

            def count(self):
                return self.results.count()

            def __getitem__(self, key):
                return self.results[key]

        class Backend:
            def __init__(self):
                self.real = get_search_backend()

            def search(self, *args, **kwargs):
                return ResultsWithoutQueryset(self.real.search(*args, **kwargs))

        for sort in ("relevance", "newest"):
            plain = ArticleSearch(["garden"], sort=sort).results()
            listed = ArticleSearch(["garden"], sort=sort, backend=Backend()).results()
            assert [d.article_id for d in listed[:10]] == [d.article_id for d in plain[:10]]
            assert listed.count() == plain.count() == 3
