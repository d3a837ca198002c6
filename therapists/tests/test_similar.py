"""Similar therapists nearby on a profile (issue 18, item 7): live profiles treating one of
the same issues with an office near this one, accepting new clients first."""

from datetime import timedelta

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from .fixtures import build_taxonomies, directory_page, make_profile


class TestSimilarTherapists(TestCase):
    @classmethod
    def setUpTestData(cls):
        index = directory_page()
        issue = build_taxonomies()["issue"]
        anxiety, grief = issue["anxiety"], issue["grief"]
        stale = timezone.localdate() - timedelta(days=400)

        def person(name, place, issues, **fields):
            return make_profile(index, name, [place], issues=issues, **fields)

        portland, beaverton = ("Portland", "OR", "97214"), ("Beaverton", "OR", "97005")
        cls.base = person("Ada Applegate", portland, [anxiety, grief])
        cls.near_both = person("Nia Nearby", beaverton, [anxiety, grief])
        cls.near_one = person("Ola Oak", portland, [anxiety])
        cls.not_accepting = person(
            "Pat Pine", portland, [anxiety, grief], accepting_confirmed_on=stale
        )
        person("Far Fir", ("Eugene", "OR", "97401"), [anxiety])  # 100 miles away
        person("Other Issue", portland, [issue["depression"]])
        person("Draft Dora", portland, [anxiety], live=False)

    def similar(self, profile):
        html = self.client.get(profile.url).content.decode()
        if 'id="similar-heading"' not in html:
            return []
        section = html.split('id="similar-heading"', 1)[1].split("</section>", 1)[0]
        names = ("Ada", "Nia", "Ola", "Pat", "Far", "Other", "Dora")
        return sorted((name for name in names if name in section), key=section.index)

    def test_same_issues_nearby_accepting_first(self):
        # Accepting first; then more shared issues; Pat (unconfirmed) last.
        self.assertEqual(self.similar(self.base), ["Nia", "Ola", "Pat"])
        html = self.client.get(self.base.url).content.decode()
        self.assertLess(html.index("Nia Nearby"), html.index("Ola Oak"))
        self.assertLess(html.index("Ola Oak"), html.index("Pat Pine"))
        self.assertIn("Beaverton, 8.0 miles away", html)

    def test_never_itself(self):
        self.assertEqual(self.similar(self.near_both), ["Ada", "Ola", "Pat"])

    def test_one_query(self):
        from therapists.models.similar import similar_profiles

        locations = list(self.base.locations.all())
        issues = list(self.base.issues.all())
        with CaptureQueriesContext(connection) as queries:
            found = similar_profiles(self.base, locations, issues, timezone.localdate())
            [profile.profession for profile in found]
        self.assertEqual(len(queries), 1)
