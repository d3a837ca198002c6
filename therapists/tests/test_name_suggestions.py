"""“Did you mean …?” for a name search finding nothing or very little (name_suggestions.py):
the closest words of live profiles' names, as a link with what it finds."""

from bs4 import BeautifulSoup
from django.db import connection
from django.test.utils import CaptureQueriesContext

from therapists.name_suggestions import suggest_name
from therapists.tests.fixtures import make_profile
from therapists.tests.test_finder import DirectoryTestCase


class TestSuggestName(DirectoryTestCase):
    def test_a_misspelt_surname_becomes_the_name_as_written(self):
        self.assertEqual(suggest_name("Birchwod"), "Birchwood")
        self.assertEqual(suggest_name("cedarholme"), "Cedarholm")

    def test_every_word_is_corrected(self):
        self.assertEqual(suggest_name("Dana Driftwod"), "Dana Driftwood")
        self.assertEqual(suggest_name("Adda Aplegate"), "Ada Applegate")

    def test_nothing_to_suggest(self):
        self.assertIsNone(suggest_name("Birchwood"))  # spelt right already
        self.assertIsNone(suggest_name("Zyxwvut"))  # like no name
        self.assertIsNone(suggest_name("Ben Zyxwvut"))  # one word like no name
        self.assertIsNone(suggest_name(""))
        self.assertIsNone(suggest_name("a b c d e"))  # not a name

    def test_only_live_names_are_offered(self):
        self.assertIsNone(suggest_name("Draftli"))  # Gus Draftly is a draft

    def test_markup_in_a_name_never_reaches_the_suggestion(self):
        make_profile(self.index, "Hal <b>Hollowell</b>", [("Portland", "OR", "97214")])
        self.assertEqual(suggest_name("Holowell"), "Hollowell")


class TestSuggestionOnTheResultsPage(DirectoryTestCase):
    def suggestion(self, query):
        soup = BeautifulSoup(self.find(query).content, "html.parser")
        found = soup.find(id="name-suggestion")
        return found and (found.a.text, found.a["href"], found.span.text)

    def test_zero_results_offer_the_closest_name_as_a_link(self):
        self.assertEqual(self.letters("q=Birchwod"), "")
        self.assertEqual(
            self.suggestion("q=Birchwod"), ("Birchwood", "?q=Birchwood", "1 therapist")
        )
        self.assertEqual(self.letters("q=Birchwood"), "B")

    def test_the_other_criteria_are_kept_and_counted(self):
        text, href, count = self.suggestion("q=Applgate&location=97214")
        self.assertEqual((text, count), ("Applegate", "1 therapist"))
        self.assertEqual(href, "?q=Applegate&location=97214")
        # With the place kept, the corrected name finds nobody more: nothing is offered.
        self.assertIsNone(self.suggestion("q=Evergren&location=97214"))

    def test_a_name_that_finds_enough_gets_no_suggestion(self):
        with self.captureOnCommitCallbacks(execute=True):  # the search index is updated then
            for name in ("Kay", "Kai", "Kaj"):
                make_profile(self.index, f"{name} Birchwod", [("Portland", "OR", "97214")])
        self.assertIsNone(self.suggestion("q=Birchwod"))

    def test_bad_input_answers_without_a_suggestion_and_echoes_no_markup(self):
        for query in ("q=%3Cscript%3EBirchwod", "q=Birchwod%00", "q=" + "x" * 101, "q=%22%27"):
            response = self.client.get(f"/find-a-therapist/?{query}")
            self.assertIn(response.status_code, (200, 400), query)
            self.assertNotIn(b"<script>Birch", response.content)
        # "script" is like no name: no query spelt right to offer.
        self.assertIsNone(self.suggestion("q=%3Cscript%3EBirchwod"))


class TestVocabulary(DirectoryTestCase):
    def test_the_names_words_are_read_once_until_the_directory_changes(self):
        self.assertEqual(suggest_name("Adda Aplegate"), "Ada Applegate")
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(suggest_name("Ada Aplegate"), "Ada Applegate")
        self.assertEqual(len(queries), 0)
        make_profile(self.index, "Zora Quintana", [("Portland", "OR", "97214")])
        self.assertEqual(suggest_name("Zora Quintanna"), "Zora Quintana")
