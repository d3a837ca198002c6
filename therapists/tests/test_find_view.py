"""The directory page: bad input of every kind, pagination, and a bounded number of queries."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from therapists.templatetags.directory_tags import miles
from therapists.tests.fixtures import make_profile
from therapists.tests.test_finder import DirectoryTestCase


class TestBadInput(DirectoryTestCase):
    def assertBad(self, query, message):
        response = self.find(query, status=400)
        html = response.content.decode()
        self.assertIn("We could not run that search", html)
        self.assertIn(message, html)
        self.assertNotIn('id="therapist-results"', html)
        return html

    def test_unknown_zip(self):
        self.assertBad("location=00000", "We could not find the ZIP code 00000")

    def test_malformed_zip(self):
        self.assertBad("location=9721", "A ZIP code has five digits")

    def test_unknown_city(self):
        self.assertBad("location=Atlantis,%20OR", "We could not find a city called “Atlantis”")

    def test_unreadable_place(self):
        self.assertBad("location=somewhere%20nice", "We could not read “somewhere nice”")

    def test_radius_out_of_range_or_not_a_number(self):
        self.assertBad("location=97214&radius=0", "at least 1 mile")
        self.assertBad("location=97214&radius=251", "at most 250 miles")
        self.assertBad("location=97214&radius=-5", "at least 1 mile")
        self.assertBad("location=97214&radius=ten", "whole number of miles from 1 to 250")
        self.assertBad("location=97214&radius=2.5", "whole number of miles from 1 to 250")

    def test_unknown_slugs(self):
        self.assertBad("issue=telepathy", "We have no issue called “telepathy”")
        self.assertBad("insurance=acme", "We have no insurer called “acme”")
        self.assertBad("profession=wizard", "We have no profession called “wizard”")
        self.assertBad("gender=robot", "“robot” is not a gender option")
        self.assertBad("language=klingon", "We have no language called “klingon”")
        self.assertBad("approach=x", "We have no type of therapy called “x”")
        self.assertBad("identity=x", "We have no identity called “x”")
        self.assertBad("faith=zen", "We have no faith called “zen”")
        self.assertBad(
            "age=babies",
            "“babies” is not an age group we list: choose children, teens, adults or older-adults.",
        )
        self.assertBad(
            "modality=solo",
            "“solo” is not a kind of session we list: choose individuals, couples, families or "
            "groups.",
        )

    def test_long_name_is_refused_and_not_echoed_whole(self):
        html = self.assertBad("q=" + "a" * 3000, "A name is at most 100 characters")
        self.assertNotIn("a" * 200, html)

    def test_search_syntax_in_a_name_is_taken_as_plain_words(self):
        for query in ['q="ada"', "q=(ada)", "q=ada*", "q=ada%22", "q=-ada", "q=ada:"]:
            with self.subTest(query=query):
                self.assertEqual(self.letters(query), "A")
        self.assertEqual(self.letters("q=O'Brien"), "")
        for query in ['q="', "q=''", "q=^", "q=%26%7C!()"]:
            with self.subTest(query=query):
                self.assertBad(query, "Enter part of a name, e.g. Okafor.")

    def test_long_location_and_slug(self):
        self.assertBad("location=" + "x" * 3000, "A place is at most 100 characters")
        html = self.assertBad("issue=" + "y" * 3000, "We have no issue called")
        self.assertNotIn("y" * 200, html)

    def test_bad_flags_fee_and_sort(self):
        self.assertBad("online=yes", "Use 1 to turn this filter on")
        self.assertBad("max_fee=cheap", "The fee must be a whole number of dollars")
        self.assertBad("max_fee=-1", "The fee cannot be negative")
        self.assertBad("sort=rating", "Sort by distance or name")

    def test_repeated_single_parameter(self):
        self.assertBad("location=97214&location=OR", "Give this only once")

    def test_error_links_to_the_field_and_keeps_the_input(self):
        html = self.assertBad("location=00000&q=ada", "ZIP code 00000")
        self.assertIn('<a href="#id_location">', html)
        self.assertIn('value="00000"', html)
        self.assertIn('value="ada"', html)
        self.assertIn('aria-invalid="true" aria-describedby="location-error"', html)

    def test_page_out_of_range_or_not_a_number_is_404_with_reason(self):
        for page in ["2", "0", "abc"]:
            with self.subTest(page=page):
                response = self.client.get(f"/find-a-therapist/?location=OR&page={page}")
                self.assertEqual(response.status_code, 404)
                self.assertIn("There is no page", response.content.decode())

    def test_sort_by_distance_without_a_point_falls_back_to_name(self):
        self.assertEqual(self.letters("location=OR&sort=distance"), "ABD")


class TestPaginationAndQueries(DirectoryTestCase):
    def count_queries(self, url):
        cache.clear()  # counted with the facet counts computed, not served from the cache
        with CaptureQueriesContext(connection) as queries:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        return len(queries)

    def add_profiles(self, count):
        t = self.taxonomies
        for number in range(count):
            make_profile(
                self.index,
                f"Extra Person {number:02d}",
                [("Portland", "OR", "97209"), ("Beaverton", "OR", "97005")],
                issues=[t["issue"]["anxiety"], t["issue"]["grief"]],
                top_specialties=[t["issue"]["grief"]],
                approaches=[t["approach"]["cbt"]],
                languages=[t["language"]["english"]],
                insurers=[t["insurance"]["aetna"]],
                profession=t["profession"]["counselor"],
                gender="male",
                offers_online=True,
            )

    def test_query_count_does_not_grow_with_results(self):
        urls = [
            "/find-a-therapist/",
            "/find-a-therapist/?location=97214&issue=anxiety&insurance=aetna",
            "/find-a-therapist/?location=Portland,%20OR&online=1&profession=counselor",
            "/find-a-therapist/?location=OR&accepting=1",
            "/find-a-therapist/?q=ada&issue=anxiety",
            "/find-a-therapist/?age=adults&age=teens&modality=individuals&faith=christian",
            "/find-a-therapist/?location=Portland",  # which Portland
            "/find-a-therapist/?location=Portlnd,%20OR",  # did you mean
            "/find-a-therapist/?location=NV&issue=grief&faith=jewish&online=1",  # zero results
            "/find-a-therapist/locations/",
            "/find-a-therapist/locations/or/",
            "/find-a-therapist/locations/or/portland/",
        ]
        self.client.get("/find-a-therapist/")  # warm the site-root cache like a running server
        before = {url: self.count_queries(url) for url in urls}
        self.add_profiles(25)  # more than one page of results, each with two locations
        after = {url: self.count_queries(url) for url in urls}
        self.assertEqual(before, after)
        self.assertLessEqual(max(after.values()), 30)

    def test_twenty_per_page_and_the_rest_on_page_two(self):
        self.add_profiles(25)
        html = self.find("location=OR").content.decode()
        self.assertIn('data-total="28"', html)
        self.assertEqual(html.count('class="therapist-card"'), 20)
        self.assertIn('href="?location=OR&amp;page=2" rel="next"', html)
        page_two = self.find("location=OR&page=2").content.decode()
        self.assertEqual(page_two.count('class="therapist-card"'), 8)


@pytest.mark.parametrize(
    "distance,text",
    [(0.02, "under 1 mile away"), (3.26, "3.3 miles away"), (42.4, "42 miles away")],
)
def test_distance_wording(distance, text):
    assert miles(distance) == text
