"""Where and how therapists practise (issue 18, item 4): "Licensed in …" with each license's
number and verification, PSYPACT and licenses in the state filter for online therapists, the
`accessibility` filter (all of them; office features at one office) and `free_consultation`."""

from datetime import timedelta

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.test import TestCase
from django.utils import timezone
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from therapists.models import PracticeLocation, StateLicense, TherapistProfilePage

from .accounts_support import make_therapist
from .fixtures import build_taxonomies, directory_page, make_profile
from .test_admin_access import profile_form
from .test_finder import CARD_RE


class PracticeTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        index = directory_page()
        t = build_taxonomies()
        cls.t = t
        psychologist, counselor = t["profession"]["psychologist"], t["profession"]["counselor"]
        today = timezone.localdate()
        cls.people = {
            # A psychologist in PSYPACT, based in Oregon.
            "P": make_profile(
                index,
                "Pia Pinecrest",
                [("Portland", "OR", "97214")],
                profession=psychologist,
                offers_online=True,
                psypact=True,
                license_state="OR",
                license_number="PSY-1",
                license_verified=True,
                license_verified_on=today - timedelta(days=5),
            ),
            # A counselor in Washington also licensed in Oregon.
            "Q": make_profile(
                index,
                "Quinn Quarry",
                [("Seattle", "WA", "98103")],
                profession=counselor,
                offers_online=True,
                license_state="WA",
                license_number="LMHC-2",
                state_licenses=[StateLicense(state="OR", number="OR-77")],
            ),
            # Ticked PSYPACT but is no psychologist: PSYPACT does not apply.
            "R": make_profile(
                index,
                "Rae Rowan",
                [("Denver", "CO", "80202")],
                profession=counselor,
                offers_online=True,
            ),
            # In person: one office with step-free access and an accessible restroom.
            "S": make_profile(
                index, "Sam Stone", [("Portland", "OR", "97214")], free_consultation=True
            ),
            # Step-free in one office, an accessible restroom in the other; ASL sessions.
            "T": make_profile(
                index,
                "Tia Teal",
                [("Portland", "OR", "97214"), ("Beaverton", "OR", "97005")],
                sessions_asl=True,
            ),
        }
        # Saved past the editor's check (clean() refuses it), as old data might be.
        TherapistProfilePage.objects.filter(pk=cls.people["R"].pk).update(psypact=True)
        offices = PracticeLocation.objects.order_by("pk")
        offices.filter(profile=cls.people["S"]).update(
            step_free_access=True, accessible_restroom=True
        )
        tia = list(offices.filter(profile=cls.people["T"]))
        PracticeLocation.objects.filter(pk=tia[0].pk).update(step_free_access=True)
        PracticeLocation.objects.filter(pk=tia[1].pk).update(accessible_restroom=True)

    def setUp(self):
        cache.clear()

    def letters(self, query, status=200):
        response = self.client.get(f"/find-a-therapist/?{query}")
        self.assertEqual(response.status_code, status, response.content.decode()[:2000])
        return "".join(sorted(slug[0].upper() for slug in CARD_RE.findall(response.text)))


class TestOnlineStateFilter(PracticeTestCase):
    def test_a_license_in_the_state_counts_for_online_therapists(self):
        # Quinn practises in Washington but holds an Oregon license.
        self.assertEqual(self.letters("location=OR&online=1"), "PQ")
        self.assertEqual(self.letters("location=OR"), "PST")  # in person: offices only

    def test_psypact_psychologists_count_in_every_psypact_state(self):
        # Texas is a PSYPACT state; Rae ticked PSYPACT but is a counselor.
        self.assertEqual(self.letters("location=TX&online=1"), "P")
        # California is not.
        self.assertEqual(self.letters("location=CA&online=1"), "")

    def test_browse_locations_counts_them_too(self):
        html = self.client.get("/find-a-therapist/locations/tx/").content.decode()
        self.assertRegex(html, r"1 therapists? who see Texas residents online")


class TestAccessibilityAndConsultationFilters(PracticeTestCase):
    def test_each_feature(self):
        cases = {
            "accessibility=step-free": "ST",
            "accessibility=accessible-restroom": "ST",
            "accessibility=asl": "T",
            "accessibility=parking": "",
        }
        for query, expected in cases.items():
            with self.subTest(query=query):
                self.assertEqual(self.letters(query), expected)

    def test_several_features_mean_all_of_them_at_one_office(self):
        # Tia has both, but in different offices: only Sam's office has both.
        query = "accessibility=step-free&accessibility=accessible-restroom"
        self.assertEqual(self.letters(query), "S")
        self.assertEqual(self.letters("accessibility=step-free&accessibility=asl"), "T")

    def test_free_consultation(self):
        self.assertEqual(self.letters("free_consultation=1"), "S")

    def test_advanced_search_shows_them_with_counts(self):
        html = self.client.get("/find-a-therapist/?location=OR").content.decode()
        self.assertIn('id="filter-accessibility-step-free"', html)
        self.assertRegex(html, r"Step-free access <span class=\"filter-option__count\">\(2\)")
        self.assertRegex(html, r"Free initial consultation <span[^>]*>\(1\)")

    def test_bad_values_are_explained(self):
        response = self.client.get("/find-a-therapist/?accessibility=ramp")
        self.assertEqual(response.status_code, 400)
        self.assertIn("“ramp” is not an accessibility feature we list", response.text)
        response = self.client.get("/find-a-therapist/?free_consultation=yes")
        self.assertEqual(response.status_code, 400)
        self.assertIn("Use 1 to turn this filter on.", response.text)

    def test_empty_values_mean_no_filter(self):
        self.assertEqual(self.letters("accessibility=&free_consultation="), "PQRST")


class TestProfileShowsWhereAndHow(PracticeTestCase):
    def profile_html(self, letter):
        return self.client.get(self.people[letter].url).content.decode()

    def test_licensed_in_each_state_with_number_and_verification(self):
        html = self.profile_html("Q")
        self.assertIn("Licensed in Washington, Oregon", html)
        self.assertIn("license no. LMHC-2", html)
        self.assertIn("license no. OR-77", html)
        self.assertEqual(html.count("Not yet verified by our staff."), 2)
        html = self.profile_html("P")
        self.assertIn("Licensed in Oregon", html)
        self.assertIn("Verified by our staff on", html)
        self.assertIn("Takes part in PSYPACT", html)
        self.assertNotIn("PSYPACT", self.profile_html("R"))  # not a psychologist

    def test_accessibility_and_free_consultation(self):
        html = self.profile_html("S")
        self.assertRegex(html, r"<dt>First consultation</dt><dd>Free</dd>")
        self.assertIn("Step-free access, Accessible restroom", html)
        html = self.profile_html("T")
        self.assertIn("Sessions in ASL", html)


class TestEditing(TestCase):
    def test_psypact_is_for_psychologists(self):
        counselor = build_taxonomies()["profession"]["counselor"]
        profile = TherapistProfilePage(
            title="X", slug="x", statement="x", profession=counselor, psypact=True
        )
        with self.assertRaises(ValidationError) as raised:
            profile.clean()
        self.assertIn("psypact", raised.exception.message_dict)

    def test_only_staff_verify_a_state_license(self):
        therapist = make_therapist("Maya Okafor", "maya@example.com")
        profile = TherapistProfilePage.objects.get(owner=therapist)
        license = StateLicense.objects.create(profile=profile, state="WA", number="WA-1")
        self.client.force_login(therapist)
        edit = f"/admin/pages/{profile.pk}/edit/"
        self.assertNotIn("state_licenses-0-verified_on", self.client.get(edit).text)
        data = profile_form(profile)
        data.update(
            nested_form_data(
                {
                    "state_licenses": inline_formset(
                        [
                            {
                                "id": license.pk,
                                "state": "WA",
                                "number": "WA-1",
                                "verified_on": "2026-01-01",
                            },
                            {"state": "ID", "number": "ID-9", "verified_on": "2026-01-01"},
                        ],
                        initial=1,
                    )
                }
            )
        )
        response = self.client.post(edit, data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:3000])
        page = TherapistProfilePage.objects.get(pk=profile.pk).get_latest_revision_as_object()
        licenses = {item.state: item.verified_on for item in page.state_licenses.all()}
        self.assertEqual(licenses, {"WA": None, "ID": None})

    def test_preview_shows_unsaved_licenses_and_lists(self):
        """The profile's lists come in one query when served, from the editor when previewed."""
        therapist = make_therapist("Ida Ingle", "ida@example.com")
        profile = TherapistProfilePage.objects.get(owner=therapist)
        spanish = build_taxonomies()["language"]["spanish"]
        self.client.force_login(therapist)
        data = profile_form(profile)
        data["languages"] = [spanish.pk]
        data.update(
            nested_form_data(
                {"state_licenses": inline_formset([{"state": "ID", "number": "ID-9"}])}
            )
        )
        url = f"/admin/pages/{profile.pk}/edit/preview/"
        self.assertTrue(self.client.post(url, data).json()["is_valid"])
        html = self.client.get(url).content.decode()
        self.assertIn("Licensed in Oregon, Idaho", html)
        self.assertRegex(html, r"<dt>Languages</dt><dd>Spanish</dd>")
        self.assertFalse(StateLicense.objects.filter(profile=profile).exists())
