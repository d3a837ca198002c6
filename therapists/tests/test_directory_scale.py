"""What keeps large result sets fast (make bench-directory: 50,000 profiles) answers exactly as
the plain path does: fetched or unfetched ids, counts from the options' bits, orders, counts and
totals of large result sets cached until the directory changes. The thresholds are lowered here
so that the fixture's few profiles take those paths."""

from datetime import timedelta
from unittest import mock

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from therapists import counts, finder
from therapists.tests.fixtures import make_profile
from therapists.tests.test_finder import DirectoryTestCase

QUERIES = ["", "location=OR", "q=Ada", "issue=anxiety", "location=97214&radius=250&gender=male"]


class TestLargeResultPaths(DirectoryTestCase):
    def page(self, query):
        """What a visitor sees: the cards in order, the total and every count shown."""
        soup = BeautifulSoup(self.find(query).content, "html.parser")
        cards = [a["href"] for a in soup.select("#therapist-results h3 a")]
        counted = [
            label.get_text(" ", strip=True) for label in soup.select("#advanced-search label")
        ]
        return cards, soup.find(id="therapist-results")["data-total"], counted

    def test_fetched_and_unfetched_results_are_the_same(self):
        plain = {query: self.page(query) for query in QUERIES}
        with mock.patch.dict(finder.MATERIALISE_LIMIT, {connection.vendor: 1}):
            with mock.patch.object(finder, "DEFAULT_MATERIALISE_LIMIT", 1):
                self.assertEqual({query: self.page(query) for query in QUERIES}, plain)

    def test_cached_counts_and_totals_follow_a_publish(self):
        with (
            mock.patch.object(counts, "CACHE_FROM", 1),
            mock.patch.dict(finder.MATERIALISE_LIMIT, {connection.vendor: 1}),
            mock.patch.object(finder, "DEFAULT_MATERIALISE_LIMIT", 1),
        ):
            before = {query: self.page(query) for query in ("location=OR", "")}
            self.assertEqual({query: self.page(query) for query in before}, before)  # cached
            make_profile(self.index, "Hal Hemlock", [("Portland", "OR", "97214")], gender="male")
            for query, (_cards, total, counted) in before.items():
                _cards_now, total_now, counted_now = self.page(query)
                self.assertEqual(int(total_now), int(total) + 1, query)
                self.assertNotEqual(counted_now, counted, query)  # Male (n) went up

    def test_a_cached_search_runs_fewer_queries(self):
        # Cached, a state or the landing page saves the search (the matches in order); their
        # counts take no query either way once the options' bits are read (option_bits.py).
        for query, saved in (("location=OR", 1), ("", 1)):
            self.find(query)
            with CaptureQueriesContext(connection) as uncached:
                uncached_page = self.page(query)
            uncached_queries = len(uncached)  # read now: a later request resets the log
            with mock.patch.object(counts, "CACHE_FROM", 1):
                self.find(query)
                with CaptureQueriesContext(connection) as warm:
                    self.assertEqual(self.page(query), uncached_page)
            self.assertEqual(len(warm), uncached_queries - saved, query)

    def test_a_cached_order_follows_a_publish_and_the_day(self):
        with mock.patch.object(counts, "CACHE_FROM", 1):
            cards, total, _ = self.page("")
            hal = make_profile(self.index, "Hal Hemlock", [("Portland", "OR", "97214")])
            cards_now, total_now, _ = self.page("")
            self.assertEqual(int(total_now), int(total) + 1)
            self.assertIn(hal.url, cards_now)
            tomorrow = timezone.localdate() + timedelta(days=1)
            with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
                self.assertNotEqual(self.page("")[0], cards_now)  # the next day's rotation

    def test_a_change_warms_the_landing_page_for_the_next_visitor(self):
        with mock.patch.object(counts, "CACHE_FROM", 1):
            self.page("")
            with self.captureOnCommitCallbacks(execute=True) as callbacks:
                hal = make_profile(self.index, "Hal Hemlock", [("Portland", "OR", "97214")])
            self.assertTrue(callbacks)  # the task was queued once the change committed
            with CaptureQueriesContext(connection) as queries:
                cards, total, _ = self.page("")
        self.assertIn(hal.url, cards)
        # Everyone's order and the counts came from the cache the task filled.
        self.assertFalse([q for q in queries if "COUNT(" in q["sql"] or "UNION" in q["sql"]])

    def test_a_new_search_is_counted_without_counting_queries(self):
        # The options' profiles are read once per change (option_bits.py); each search's
        # counts are then arithmetic on its results, however many there are.
        self.page("location=OR")
        for query in ("issue=anxiety", "location=97214&radius=250&gender=male", "q=Ada"):
            with CaptureQueriesContext(connection) as queries:
                self.page(query)
            counting = [q["sql"] for q in queries if "UNION" in q["sql"] or "COUNT(" in q["sql"]]
            self.assertEqual(counting, [], query)

    def test_the_landing_page_lasts_until_a_change_where_the_cache_is_shared(self):
        # Everyone's order and counts outlive the five minutes other searches are kept
        # (none here), until a publish changes the directory.
        with (
            mock.patch.object(counts, "_shared_cache", return_value=True),
            mock.patch.object(counts, "CACHE_FROM", 1),
            mock.patch.object(counts, "FACET_CACHE_SECONDS", 0),
        ):
            cards, total, counted = self.page("")
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.page(""), (cards, total, counted))
            self.assertFalse([q for q in queries if "MOD(" in q["sql"]])  # not ordered again
            hal = make_profile(self.index, "Hal Hemlock", [("Portland", "OR", "97214")])
            cards_now, total_now, counted_now = self.page("")
        self.assertEqual(int(total_now), int(total) + 1)
        self.assertIn(hal.url, cards_now)
        self.assertNotEqual(counted_now, counted)
