"""/directory/near/ (issue 17, item 7): up to three therapists near a place who treat any of an
article's issues, as a private, short-lived HTML fragment; bad input is a 400 saying why.

Distances from 97214 (fixtures.py): Ada in Portland, Ben in Beaverton ≈ 8 mi, Cai in
Vancouver WA ≈ 9 mi; Dana in Eugene is ≈ 102 mi away, Gus a draft."""

from bs4 import BeautifulSoup
from django.test import TestCase

from therapists.models import Issue
from therapists.tests.fixtures import build_directory

URL = "/directory/near/"


class NearTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index, cls.taxonomies, cls.people = build_directory()

    def near(self, query):
        return self.client.get(f"{URL}?{query}")

    def names(self, response):
        page = BeautifulSoup(response.content.decode(), "html.parser")
        return [h3.a.get_text() for h3 in page.select(".near-therapist__name")]


class TestNearTherapists(NearTestCase):
    def test_nearest_first_treating_the_issue(self):
        response = self.near("location=97214&issue=anxiety")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.names(response), ["Ada Applegate", "Ben Birchwood"])
        self.assertContains(response, "Therapists near 97214 (Portland, OR) who treat anxiety")

    def test_any_of_several_issues_at_most_three(self):
        # Dana (Eugene) treats anxiety too, but is past the radius.
        response = self.near("location=97214&issue=anxiety&issue=grief")
        self.assertEqual(self.names(response), ["Ada Applegate", "Ben Birchwood", "Cai Cedarholm"])
        response = self.near("location=97214&issue=anxiety&issue=depression&issue=grief")
        self.assertEqual(len(self.names(response)), 3)

    def test_links_to_the_filtered_directory_with_the_typed_place(self):
        response = self.near("location=97214&issue=depression")
        self.assertEqual(self.names(response), ["Ada Applegate", "Cai Cedarholm"])
        self.assertContains(
            response, 'href="/find-a-therapist/?location=97214&amp;issue=depression"'
        )

    def test_nobody_near(self):
        response = self.near("location=Miami,%20FL&issue=anxiety")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self.names(response), [])
        self.assertContains(response, "We list no therapist near Miami, FL for this yet")

    def test_private_and_short_lived(self):
        response = self.near("location=97214&issue=anxiety")
        cache_control = response["Cache-Control"]
        self.assertIn("private", cache_control)
        self.assertIn("max-age=300", cache_control)
        self.assertNotIn("public", cache_control)
        self.assertFalse(response.cookies)


class TestBadInput(NearTestCase):
    def assert_refused(self, query, message):
        response = self.near(query)
        self.assertEqual(response.status_code, 400, query)
        self.assertContains(response, message, status_code=400)
        self.assertIn("no-store", response["Cache-Control"])

    def test_each_bad_parameter_says_why(self):
        cases = [
            ("issue=anxiety", "Give a place"),
            ("location=&issue=anxiety", "Give a place"),
            ("location=97214", "Name at least one issue"),
            ("location=97214&issue=", "Name at least one issue"),
            ("location=97214&issue=no-such-thing", "We have no issue called “no-such-thing”"),
            ("location=97214&issue=anxiety&issue=depression&issue=grief&issue=cbt", "We have no"),
            ("location=00000&issue=anxiety", "We could not find the ZIP code 00000"),
            ("location=Portland&issue=anxiety", "Name the state too"),
            ("location=97214&location=OR&issue=anxiety", "Give the place only once."),
            (f"location={'x' * 101}&issue=anxiety", "A place is at most 100 characters."),
            ("location=%00&issue=anxiety", ""),
        ]
        for query, message in cases:
            with self.subTest(query=query):
                self.assert_refused(query, message)

    def test_too_many_issues(self):
        issues = "&".join(f"issue={slug}" for slug in ["anxiety", "depression", "grief"])
        self.assertEqual(self.near(f"location=97214&{issues}").status_code, 200)
        Issue.objects.create(name="PTSD", slug="ptsd")  # options are read again on a change
        self.assert_refused(f"location=97214&{issues}&issue=ptsd", "Name at most 3 issues.")

    def test_only_get(self):
        self.assertEqual(self.client.post(URL, {"location": "97214"}).status_code, 405)
