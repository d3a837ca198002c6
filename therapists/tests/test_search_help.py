"""Zero results: every active filter is named with a link that removes it and the count it
would then find; the advice never offers what is already chosen (search_help.py)."""

import re

from bs4 import BeautifulSoup

from therapists.tests.test_finder import TOTAL_RE, DirectoryTestCase


class TestZeroResults(DirectoryTestCase):
    def ways_out(self, query):
        soup = BeautifulSoup(self.find(query).content, "html.parser")
        self.assertEqual(soup.find(id="therapist-results")["data-total"], "0")
        return {
            li.a.text: (li.a["href"], int(re.match(r"\d+", li.span.text).group()))
            for li in soup.select("#no-results li")
        }

    def test_each_filter_has_a_removal_link_with_its_count(self):
        ways = self.ways_out("location=97214&issue=grief&insurance=cigna&age=children&accepting=1")
        self.assertEqual(
            list(ways),
            [
                "Search within 50 miles",
                "Include therapists who see clients in Oregon online",
                "Remove “Location: within 25 miles of 97214 (Portland, OR)”",
                "Remove “Issue: Grief”",
                "Remove “Client age: Children (0–12)”",
                "Remove “Insurance: Cigna”",
                "Remove “Accepting new clients”",
                "Remove every filter but the place",
            ],
        )
        self.assertEqual(
            ways["Remove “Issue: Grief”"][0],
            "?location=97214&insurance=cigna&age=children&accepting=1",
        )
        self.assertEqual(ways["Remove every filter but the place"][0], "?location=97214")
        # Every count is what its link then finds.
        for label, (url, count) in ways.items():
            with self.subTest(label=label):
                html = self.find(url[1:]).content.decode()
                self.assertEqual(int(TOTAL_RE.search(html).group(1)), count)
        self.assertEqual(ways["Remove every filter but the place"][1], 3)

    def test_advice_never_offers_what_is_chosen(self):
        ways = self.ways_out("location=97214&radius=250&online=1&max_fee=10")
        self.assertNotIn("Search within", " ".join(ways))
        self.assertNotIn("Include therapists who see clients", " ".join(ways))
        self.assertIn("Remove “Online sessions”", ways)
        self.assertIn("Remove “Session fee up to $10”", ways)
        self.assertIn("Remove “Location: within 250 miles of 97214 (Portland, OR)”", ways)

    def test_several_values_of_one_filter_each_removable(self):
        ways = self.ways_out("issue=grief&issue=depression&gender=male&gender=female&q=cai")
        self.assertEqual(
            ways["Remove “Issue: Grief”"],
            ("?issue=depression&gender=male&gender=female&q=cai", 0),
        )
        self.assertEqual(ways["Remove “Therapist gender: Female”"][1], 0)
        self.assertEqual(ways["Remove “Therapist gender: Male”"][1], 0)
        self.assertEqual(ways["Remove “Name: cai”"][1], 0)  # Cai is non-binary
        self.assertEqual(ways["Remove every filter"], ("?", 6))
        ways = self.ways_out("issue=anxiety&gender=male&gender=female&q=cai")
        self.assertEqual(
            ways["Remove “Name: cai”"], ("?issue=anxiety&gender=male&gender=female", 5)
        )

    def test_a_state_has_no_distance_to_widen(self):
        ways = self.ways_out("location=NV")
        self.assertEqual(
            list(ways),
            ["Include therapists who see clients in Nevada online", "Remove “Location: in Nevada”"],
        )
        self.assertEqual(ways["Remove “Location: in Nevada”"], ("?", 6))
