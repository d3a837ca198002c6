"""Top-k ranking in the RUM index (PostgreSQL), the same order without it, "about N" totals, and
"Did you mean" (pg_trgm on PostgreSQL, difflib elsewhere). docs/search.md."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.tests.utils import make_article, make_author, make_index, soup
from search import documents, extensions, spelling
from search.backend import RumSearchQueryCompiler
from search.models import ContentDocument, SearchWord
from search.query import ArticleSearch

from .test_search import body, results

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="RUM, pg_trgm and estimates are PostgreSQL's"
)


def rum_available():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = 'rum'")
        return cursor.fetchone() is not None


@pytest.fixture
def ranked():
    """Five articles with "sleep" in their text 4, 3, 2, 1 and 1 times (the last two a tie: the
    newer first), one with it in the title only and one by an author named Sleep."""
    index = make_index()
    okafor = make_author("Maya Okafor")
    rosa = make_author("Rosa Sleep")
    made = {}
    for name, times, days_ago in (
        ("four", 4, 9),
        ("three", 3, 1),
        ("two", 2, 5),
        ("one older", 1, 8),
        ("one newer", 1, 2),
    ):
        words = " ".join(["sleep"] * times)
        made[name] = make_article(
            index,
            f"Note {name}",
            authors=[okafor],
            days_ago=days_ago,
            standfirst="Rest matters.",
            body=body(f"Some {words} and anxiety words here, then more text after them."),
        )
    made["title"] = make_article(
        index,
        "Sleep tonight",
        authors=[okafor],
        days_ago=3,
        standfirst="A quiet evening.",
        body=body("Dim the lamps early."),
    )
    made["author"] = make_article(
        index,
        "Morning light",
        authors=[rosa],
        days_ago=4,
        standfirst="Open the curtains.",
        body=body("Daylight sets the clock."),
    )
    documents.rebuild()
    return made


CONTENT_ORDER = ["Note four", "Note three", "Note two", "Note one newer", "Note one older"]


def drop_rum_indexes():
    with connection.cursor() as cursor:
        for model in extensions.DOCUMENT_MODELS:
            cursor.execute(f"DROP INDEX IF EXISTS {extensions.rum_index_name(model)}")
    extensions.forget(connection)


@on_postgres
class TestIndexTableRanking:
    """A result set counted in full (up to search/query.py's COUNT_UP_TO) is ranked in one
    query: each match's rank read from its index entry by key."""

    def test_content_and_all_scopes_rank_every_match(self, client, ranked):
        assert results(client, q="sleep", scope="content")[0] == CONTENT_ORDER
        assert results(client, q="sleep")[0] == ["Sleep tonight", "Morning light", *CONTENT_ORDER]

    def test_a_page_is_one_query(self, ranked):
        search = ArticleSearch(["sleep"], scope="content").results()
        assert search.count() == 5
        with CaptureQueriesContext(connection) as queries:
            assert [document.article_id for document in search[:2]] == [
                ranked["four"].pk,
                ranked["three"].pk,
            ]
        assert len(queries) == 1


@on_postgres
class TestRumRanking:
    @pytest.fixture(autouse=True)
    def rank_in_the_index_however_few_match(self, monkeypatch):
        # Sets this small are ranked by ts_rank over all matches unless told otherwise.
        monkeypatch.setattr("search.backend.RANK_ALL_UP_TO", 0)

    def test_the_rum_index_is_made_after_migrate_and_ranks_the_search(self, ranked):
        if not rum_available():
            pytest.fail("postgresql-15-rum is not installed: CI installs it (.ci/run)")
        extensions.forget(connection)
        assert extensions.rum_index_ready(ContentDocument, connection)
        with CaptureQueriesContext(connection) as queries:
            list(ArticleSearch(["sleep"], scope="content").results()[:10])
        assert any("<=>" in query["sql"] for query in queries)

    def test_content_best_first_ties_newest_first_with_and_without_rum(self, client, ranked):
        assert results(client, q="sleep", scope="content")[0] == CONTENT_ORDER
        drop_rum_indexes()  # inside the test's transaction: rolled back afterwards
        with CaptureQueriesContext(connection) as queries:
            list(ArticleSearch(["sleep"], scope="content").results()[:10])
        assert not any("<=>" in query["sql"] for query in queries)
        assert results(client, q="sleep", scope="content")[0] == CONTENT_ORDER

    def test_all_scope_tiers_title_then_author_then_text(self, client, ranked):
        expected = ["Sleep tonight", "Morning light", *CONTENT_ORDER]
        assert results(client, q="sleep")[0] == expected
        drop_rum_indexes()
        assert results(client, q="sleep")[0] == expected

    def test_two_words_must_both_match(self, client, ranked):
        titles, total, _ = results(client, q="sleep anxiety", scope="content")
        assert titles == CONTENT_ORDER and total == 5

    def test_finds_something_from_the_index_table_within_the_searched_queryset(self, ranked):
        # "Did you mean" asks it of a suggestion: each scope's own documents, the tiers' too.
        backend = ArticleSearch(["sleep"]).backend
        everything = ContentDocument.objects.all()
        assert backend.search("sleep", everything, operator="and").exists()
        assert not backend.search("sleep", everything.none(), operator="and").exists()
        assert not backend.search("zebra", everything, operator="and").exists()
        assert ArticleSearch(["sleep", "anxiety"], scope="content").finds_something()
        assert not ArticleSearch(["sleep", "zebra"]).finds_something()

    @pytest.mark.parametrize("walk", [True, False], ids=["walking the newest", "GIN bitmap"])
    def test_more_matches_than_listed_rank_the_newest(self, client, ranked, monkeypatch, walk):
        # Five texts match, three are listed: the three newest ("three" 1 day old, "one
        # newer" 2, "two" 5; "four" 9 and "one older" 8 are left out), best first.
        monkeypatch.setattr("search.query.COUNT_UP_TO", 3)
        monkeypatch.setattr(RumSearchQueryCompiler, "_walks", lambda self, window: walk)
        newest = ["Note three", "Note two", "Note one newer"]
        titles, total, page = results(client, q="sleep", scope="content")
        assert (titles, total) == (newest, 3)
        count = page.select_one(".search-page__count").get_text(" ", strip=True)
        assert count == "More than 3 results for “sleep” in Content"
        hint = page.select_one(".search-page__hint").get_text(" ", strip=True)
        assert "the best of the 3 most recent" in hint
        # All three scopes: the title and author tiers first, then the text tier's newest.
        titles, total, page = results(client, q="sleep")
        assert (titles, total) == (["Sleep tonight", "Morning light", *newest], 5)
        hint = page.select_one(".search-page__hint").get_text(" ", strip=True)
        assert "the best of the 3 most recent" in hint  # the text tier's, not the total
        # Counted exactly, nothing is cut and no hint is shown.
        page = results(client, q="daylight", scope="content")[2]
        assert page.select_one(".search-page__hint") is None

    def test_newest_first_in_all_scopes_is_counted_up_to_the_list(
        self, client, ranked, monkeypatch
    ):
        everything = [
            *["Note three", "Note one newer", "Sleep tonight", "Morning light"],
            *["Note two", "Note one older", "Note four"],
        ]
        assert results(client, q="sleep", sort="newest")[:2] == (everything, 7)
        # The text scope has more matches than are listed: its newest are read, merged with
        # the other scopes' matches, and the list holds the newest of them all.
        monkeypatch.setattr("search.query.COUNT_UP_TO", 3)
        titles, total, page = results(client, q="sleep", sort="newest")
        assert (titles, total) == (everything[:3], 3)
        count = page.select_one(".search-page__count").get_text(" ", strip=True)
        assert count == "More than 3 results for “sleep” in Title, Content and Author"
        assert results(client, q="sleep anxiety zebra", sort="newest")[:2] == ([], 0)

    def test_a_tier_that_overflows_ends_the_list(self, client, ranked, monkeypatch):
        # "note" is in five titles: with two listed, the title tier is cut and no text-only
        # match follows it.
        monkeypatch.setattr("search.query.COUNT_UP_TO", 2)
        titles, total, page = results(client, q="note")
        assert (titles, total) == (["Note three", "Note one newer"], 2)
        assert page.select_one(".search-page__hint") is not None


class TestDidYouMean:
    def test_a_misspelt_word_offers_the_indexed_word(self, client, ranked):
        titles, total, page = results(client, q="slep", scope="content")
        assert (titles, total) == ([], 0)
        link = page.select_one(".search-page__did-you-mean a")
        assert link.get_text() == "sleep"
        assert link["href"] == "/search/?q=sleep&scope=content"
        assert results(client, q="anxeity")[2].select_one(".search-page__did-you-mean a")[
            "href"
        ] == ("/search/?q=anxiety")

    def test_author_names_keep_their_capitals(self, client, ranked):
        page = results(client, q="Maya Okafr", scope="author")[2]
        assert page.select_one(".search-page__did-you-mean a").get_text() == "Maya Okafor"

    def test_a_word_from_another_scope_is_not_offered(self, client, ranked):
        # "tonight" is only in a title: not a correction for a Content search.
        page = results(client, q="tonigth", scope="content")[2]
        assert page.select_one(".search-page__did-you-mean") is None
        page = results(client, q="tonigth", scope="title")[2]
        assert page.select_one(".search-page__did-you-mean a").get_text() == "tonight"

    def test_nothing_offered_for_a_good_query_or_gibberish(self, client, ranked):
        for q in ("sleep", "zzqxv"):
            page = results(client, q=q, scope="content")[2]
            assert page.select_one(".search-page__did-you-mean") is None, q

    def test_suggestions_never_echo_markup(self, client, ranked):
        q = 'slep <img src=x onerror="alert(1)"> </p><script>x</script>'
        response = client.get("/search/", {"q": q, "scope": "content"})
        assert response.status_code == 200
        html = response.content.decode()
        assert "<img" not in html and "<script>x" not in html
        # Punctuation only separates words: the suggestion is built from words alone.
        response = client.get("/search/", {"q": 'slep"<>', "scope": "content"})
        html = response.content.decode()
        assert '"<>' not in html
        suggestion = soup(response).select_one(".search-page__did-you-mean")
        assert suggestion.a.get_text() == "sleep" and suggestion.a["href"].endswith(
            "q=sleep&scope=content"
        )

    def test_fallback_without_trigrams(self, client, ranked, monkeypatch):
        # SQLite always, PostgreSQL without pg_trgm: difflib over words of about the same length.
        monkeypatch.setattr(extensions, "trigram_ready", lambda connection: False)
        assert spelling.correction(["slep"], "content", lambda words: True) == "sleep"
        assert spelling.correction(["Okafr"], "author", lambda words: True) == "Okafor"
        page = results(client, q="anxeity", scope="content")[2]
        assert page.select_one(".search-page__did-you-mean a").get_text() == "anxiety"

    def test_the_vocabulary_follows_publishing(self, ranked):
        assert SearchWord.objects.filter(scope="title", word="tonight").exists()
        ranked["title"].unpublish()
        documents.sync_articles([ranked["title"].pk])
        assert not SearchWord.objects.filter(scope="title", word="tonight").exists()
        assert SearchWord.objects.get(scope="content", word="sleep").documents == 5
