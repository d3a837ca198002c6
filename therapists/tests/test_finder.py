"""Exact result sets of the directory search, through its public URL, on a known fixture."""

import re

from django.core.cache import cache
from django.test import TestCase
from wagtail.models import Site

from home.models import SiteSettings
from therapists.tests.fixtures import build_directory, make_profile

CARD_RE = re.compile(r'class="therapist-card__name"[^>]*><a href="/find-a-therapist/([a-z-]+)/"')
TOTAL_RE = re.compile(r'id="therapist-results" data-total="(\d+)"')


class DirectoryTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.taxonomies, cls.people = build_directory()

    def setUp(self):
        cache.clear()

    def find(self, query="", status=200):
        response = self.client.get(f"/find-a-therapist/?{query}")
        self.assertEqual(response.status_code, status, response.content.decode()[:3000])
        return response

    def letters(self, query, ordered=False):
        """The result cards as the fixture's letters (Ada Applegate → "A"): in alphabetical
        order, or with `ordered` in the page's order (ties rotate daily: rotation.py)."""
        html = self.find(query).content.decode()
        slugs = CARD_RE.findall(html)
        total = int(TOTAL_RE.search(html).group(1))
        self.assertEqual(total, len(slugs), "data-total should count every card (one page)")
        letters = [slug[0].upper() for slug in slugs]
        return "".join(letters if ordered else sorted(letters))


class TestPlaces(DirectoryTestCase):
    def test_zip_default_radius_is_25_miles_nearest_band_first(self):
        # Ada is under a mile away; Ben (8.0) and Cai (9.1) share the 5–10 mile band.
        ordered = self.letters("location=97214", ordered=True)
        self.assertEqual(ordered[0], "A")
        self.assertEqual(sorted(ordered), list("ABC"))

    def test_sort_by_name(self):
        self.assertEqual(self.letters("location=97214&sort=name", ordered=True), "ABC")

    def test_zip_radius_narrows_and_widens(self):
        self.assertEqual(self.letters("location=97214&radius=5"), "A")
        self.assertEqual(self.letters("location=97214&radius=8"), "A")  # Beaverton is 8.02
        self.assertEqual(self.letters("location=97214&radius=9"), "AB")
        self.assertEqual(self.letters("location=97214&radius=120"), "ABCD")
        self.assertEqual(self.letters("location=97214&radius=250"), "ABCDE")

    def test_distance_is_shown(self):
        html = self.find("location=97214").content.decode()
        self.assertIn("under 1 mile away", html)
        self.assertIn("8.0 miles away", html)
        self.assertIn("9.1 miles away", html)
        self.assertIn("3 therapists within 25 miles of 97214 (Portland, OR)", html)

    def test_zip_plus_online_adds_online_therapists_licensed_for_the_state(self):
        # Online only: Ben (in person only) drops out; Dana and Eli serve Oregon online.
        self.assertEqual(self.letters("location=97214&online=1"), "ACDE")

    def test_zip_plus_four_is_accepted(self):
        self.assertEqual(self.letters("location=97214-1234&radius=5"), "A")

    def test_city_state(self):
        for location in ["Portland, OR", "portland or", "Portland,%20Oregon"]:
            with self.subTest(location=location):
                self.assertEqual(self.letters(f"location={location}"), "ABC")

    def test_city_includes_everyone_in_the_city_beyond_the_radius(self):
        # Boulder's centre is ~1 mile from Fay's Boulder office; Denver is 26 miles away.
        self.assertEqual(self.letters("location=Boulder,%20CO&radius=5"), "F")
        self.assertEqual(self.letters("location=Denver,%20CO&radius=5"), "F")

    def test_state(self):
        self.assertEqual(self.letters("location=OR"), "ABD")
        self.assertEqual(self.letters("location=wa"), "CE")
        self.assertEqual(self.letters("location=Colorado"), "F")
        self.assertEqual(self.letters("location=NV"), "")

    def test_state_plus_online(self):
        # Offers online sessions and practises in Oregon or may see Oregon clients online.
        self.assertEqual(self.letters("location=OR&online=1"), "ADE")
        self.assertEqual(self.letters("location=WA&online=1"), "ACE")

    def test_drafts_never_appear(self):
        self.assertNotIn("G", self.letters("location=97214&radius=1"))
        self.assertNotIn("G", self.letters(""))


class TestFilters(DirectoryTestCase):
    def test_no_criteria_lists_everyone(self):
        self.assertEqual(self.letters(""), "ABCDEF")
        self.assertEqual(self.letters("sort=name", ordered=True), "ABCDEF")

    def test_each_filter(self):
        cases = {
            "issue=anxiety": "ABDEF",
            "issue=grief": "C",
            "approach=cbt": "AC",
            "approach=emdr": "B",
            "profession=psychologist": "ADF",
            "profession=social-worker": "C",
            "gender=female": "ADF",
            "gender=non-binary": "C",
            "language=spanish": "A",
            "language=english": "ABC",
            "insurance=aetna": "AC",
            "insurance=cigna": "B",
            "identity=lgbtq": "A",
            "identity=veteran": "E",
            "online=1": "ACDE",
            "in_person=1": "ABCDF",
            "sliding_scale=1": "AD",
            "accepting=1": "ACDE",  # Ben's is stale, Fay is not accepting
            "max_fee=120": "ACD",
            "max_fee=0": "",
            "q=ada": "A",
            "q=Birchwood": "B",
            "q=ben+birchwood": "B",
            "q=nobody": "",
        }
        for query, expected in cases.items():
            with self.subTest(query=query):
                self.assertEqual(self.letters(query), expected)

    def test_age_modality_and_faith(self):
        cases = {
            "age=children": "C",
            "age=teens": "A",
            "age=adults": "ABDEF",
            "age=older-adults": "D",
            "age=older_adults": "D",
            "age=children&age=teens": "AC",
            "modality=individuals": "ABCDF",
            "modality=couples": "A",
            "modality=families": "C",
            "modality=groups": "E",
            "modality=couples&modality=groups": "AE",
            "faith=christian": "A",
            "faith=jewish": "C",
            "faith=buddhist": "",
            "faith=christian&faith=jewish": "AC",
            "location=97214&age=children&modality=families&faith=jewish": "C",
        }
        for query, expected in cases.items():
            with self.subTest(query=query):
                self.assertEqual(self.letters(query), expected)

    def test_empty_values_mean_no_filter(self):
        everyone = self.letters("")
        empty = (
            "location=&radius=&q=&issue=&approach=&profession=&gender=&language=&insurance="
            "&identity=&age=&modality=&faith=&online=&in_person=&sliding_scale=&accepting="
            "&max_fee=&sort="
        )
        self.assertEqual(self.letters(empty), everyone)
        self.assertEqual(self.letters("issue=&issue=grief&issue="), "C")
        self.assertEqual(self.letters("location=&location=OR"), "ABD")
        self.assertEqual(self.letters("location=%20%20&radius=%20"), everyone)

    def test_several_issues_mean_all_of_them(self):
        self.assertEqual(self.letters("issue=anxiety&issue=depression"), "A")

    def test_several_professions_or_genders_mean_any_of_them(self):
        self.assertEqual(self.letters("profession=psychologist&profession=counselor"), "ABDEF")
        self.assertEqual(self.letters("gender=male&gender=non-binary"), "BCE")

    def test_combinations(self):
        cases = {
            "location=97214&issue=anxiety&insurance=aetna": "A",
            "location=97214&accepting=1": "AC",
            "location=97214&radius=250&issue=anxiety&gender=male": "BE",
            "location=OR&issue=anxiety&sliding_scale=1": "AD",
            "location=97214&online=1&max_fee=120&issue=anxiety": "AD",
            "issue=anxiety&profession=psychologist&accepting=1": "AD",
            "location=97214&q=cai": "C",
        }
        for query, expected in cases.items():
            with self.subTest(query=query):
                self.assertEqual(self.letters(query), expected)

    def test_sort_by_name_with_a_place(self):
        self.assertEqual(self.letters("location=97214&radius=250&sort=name", ordered=True), "ABCDE")
        # Nearest band first (Cai is in Vancouver); ties within a band rotate (rotation.py).
        nearest_first = self.letters("location=98660&radius=250", ordered=True)
        self.assertEqual(nearest_first[0], "C")
        self.assertEqual(sorted(nearest_first), list("ABCDE"))

    def test_accepting_window_follows_site_settings(self):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.accepting_clients_valid_days = 365
        settings.save()
        self.assertEqual(self.letters("accepting=1"), "ABCDE")


class TestFacets(DirectoryTestCase):
    def option(self, html, facet, value):
        match = re.search(
            rf'id="filter-{facet}-{value}"( checked)?>\s*<label[^>]*>[^<]*'
            r'<span class="filter-option__count">\((\d+)\)',
            html,
        )
        return (int(match.group(2)), bool(match.group(1))) if match else None

    def test_counts_are_for_the_current_results(self):
        html = self.find("location=97214").content.decode()
        self.assertEqual(self.option(html, "issue", "anxiety"), (2, False))
        self.assertEqual(self.option(html, "issue", "depression"), (2, False))
        self.assertEqual(self.option(html, "issue", "grief"), (1, False))
        self.assertEqual(self.option(html, "insurance", "cigna"), (1, False))
        self.assertIsNone(self.option(html, "identity", "veteran"))  # none nearby: hidden

    def test_all_of_facets_narrow_with_the_selection(self):
        html = self.find("location=97214&issue=anxiety").content.decode()
        self.assertEqual(self.option(html, "issue", "anxiety"), (2, True))
        self.assertEqual(self.option(html, "issue", "depression"), (1, False))

    def test_any_of_facets_leave_their_own_selection_out(self):
        html = self.find("location=97214&profession=psychologist").content.decode()
        self.assertEqual(self.option(html, "profession", "psychologist"), (1, True))
        self.assertEqual(self.option(html, "profession", "counselor"), (1, False))
        self.assertEqual(self.option(html, "profession", "social-worker"), (1, False))
        self.assertEqual(self.option(html, "gender", "female"), (1, False))
        self.assertIsNone(self.option(html, "gender", "male"))  # Ben is not a psychologist

    def test_cached_counts_of_the_whole_directory_follow_publishing(self):
        self.assertEqual(
            self.option(self.find("").content.decode(), "issue", "anxiety"), (5, False)
        )
        newcomer = make_profile(
            self.index,
            "Nia Newcomer",
            [("Portland", "OR", "97214")],
            issues=[self.taxonomies["issue"]["anxiety"]],
        )
        self.assertEqual(
            self.option(self.find("").content.decode(), "issue", "anxiety"), (6, False)
        )
        newcomer.unpublish()
        self.assertEqual(
            self.option(self.find("").content.decode(), "issue", "anxiety"), (5, False)
        )

    def test_age_modality_and_faith_counts_leave_their_own_selection_out(self):
        html = self.find("location=97214&radius=250").content.decode()
        self.assertEqual(self.option(html, "age", "children"), (1, False))
        self.assertEqual(self.option(html, "age", "adults"), (4, False))
        self.assertEqual(self.option(html, "modality", "groups"), (1, False))
        self.assertEqual(self.option(html, "faith", "christian"), (1, False))
        self.assertIsNone(self.option(html, "faith", "buddhist"))
        html = self.find("location=97214&radius=250&age=children&faith=jewish").content.decode()
        self.assertEqual(self.option(html, "age", "children"), (1, True))
        self.assertIsNone(self.option(html, "age", "teens"))
        self.assertEqual(self.option(html, "faith", "jewish"), (1, True))
        self.assertIsNone(self.option(html, "faith", "christian"))  # Ada sees no children
        self.assertEqual(self.option(html, "modality", "families"), (1, False))
        html = self.find("age=teens&age=children&modality=couples").content.decode()
        # Ages counted without the age choice (couples: only Ada), who attends without its own.
        self.assertEqual(self.option(html, "age", "adults"), (1, False))
        self.assertEqual(self.option(html, "modality", "families"), (1, False))
        self.assertEqual(self.option(html, "modality", "couples"), (1, True))

    def test_flag_counts(self):
        html = self.find("location=97214").content.decode()
        self.assertRegex(
            html, r'id="filter-online">\s*<label[^>]*>Online sessions <span[^>]*>\(2\)'
        )
        self.assertRegex(html, r'id="filter-accepting">\s*<label[^>]*>Accepting new clients <sp')
