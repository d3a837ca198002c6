"""Profile pages: what they show, JSON-LD, query counts, model rules and staff-only fields."""

import json
import re
import tempfile
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import GroupPagePermission
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from therapists.models import (
    Faith,
    Issue,
    PracticeLocation,
    TherapistIndexPage,
    TherapistProfilePage,
)
from therapists.tests.fixtures import directory_page, make_profile
from therapists.tests.test_finder import DirectoryTestCase


def json_ld(html):
    match = re.search(r'<script id="[^"]*" type="application/ld\+json">(.*?)</script>', html, re.S)
    if match is None:
        match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    return json.loads(match.group(1))


class TestProfilePage(DirectoryTestCase):
    def get(self, letter):
        response = self.client.get(self.people[letter].url)
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_shows_the_profile(self):
        html = self.get("A")
        self.assertIn("<h1", html)
        self.assertIn("Ada Applegate", html)
        self.assertIn("Psychologist", html)
        self.assertIn("Accepting new clients", html)
        self.assertIn("Verified", html)
        self.assertIn("license checked", html)
        self.assertIn("Online sessions for clients in Oregon, Washington.", html)
        self.assertIn("$100–$150", html)
        self.assertIn('href="tel:+1-503-555-0101"', html)
        self.assertIn("<dt>Ages</dt><dd>Teens (13–17), Adults</dd>", html)
        self.assertIn("<dt>Works with</dt><dd>Individuals, Couples</dd>", html)
        self.assertIn("<dt>Faith-informed therapy</dt><dd>Christian</dd>", html)
        self.assertNotIn("Faith-informed", self.get("B"))

    def test_photo_with_alt_text_on_profile_and_card(self):
        media = self.enterContext(tempfile.TemporaryDirectory())
        self.enterContext(self.settings(MEDIA_ROOT=media))
        photo = get_image_model().objects.create(title="Ada", file=get_test_image_file())
        profile = self.people["A"]
        profile.photo = photo
        profile.photo_alt = "Ada smiling in her office"
        profile.save_revision().publish()
        self.assertIn('alt="Ada smiling in her office"', self.get("A"))
        self.find("location=97214")  # the first view makes the rendition
        with CaptureQueriesContext(connection) as queries:
            html = self.find("location=97214").content.decode()
        self.assertIn('alt="Ada smiling in her office"', html)
        renditions = [q for q in queries.captured_queries if "wagtailimages_rendition" in q["sql"]]
        self.assertEqual(len(renditions), 1)  # prefetched with the page, not fetched per card

    def test_stale_accepting_shows_as_unconfirmed_and_unverified_has_no_badge(self):
        html = self.get("B")
        self.assertIn("Availability unconfirmed since", html)
        self.assertNotIn("badge--verified", html)
        self.assertIn("Not accepting new clients", self.get("F"))

    def test_json_ld_has_name_address_and_geo(self):
        data = json_ld(self.get("A"))
        self.assertEqual(data["@type"], "MedicalBusiness")
        self.assertEqual(data["name"], "Ada Applegate")
        self.assertEqual(data["address"]["@type"], "PostalAddress")
        self.assertEqual(data["address"]["postalCode"], "97214")
        self.assertEqual(data["address"]["addressLocality"], "Portland")
        self.assertEqual(data["address"]["addressRegion"], "OR")
        self.assertAlmostEqual(data["geo"]["latitude"], 45.5142, places=3)
        self.assertAlmostEqual(data["geo"]["longitude"], -122.6364, places=3)

    def test_json_ld_lists_every_practice_location(self):
        data = json_ld(self.get("F"))
        self.assertEqual([a["addressLocality"] for a in data["address"]], ["Denver", "Boulder"])
        self.assertEqual([a["postalCode"] for a in data["address"]], ["80203", "80302"])
        self.assertEqual(len(data["geo"]), 2)
        self.assertTrue(all(g["@type"] == "GeoCoordinates" for g in data["geo"]))

    def test_no_private_email_on_the_page(self):
        profile = self.people["A"]
        profile.contact_email = "private-inbox@therapists.example"
        profile.save_revision().publish()
        self.assertNotIn("private-inbox", self.get("A"))

    def test_draft_is_not_public(self):
        self.assertEqual(self.client.get("/find-a-therapist/gus-draftly/").status_code, 404)

    def test_query_count_does_not_grow_with_the_profile(self):
        t = self.taxonomies
        small = make_profile(
            self.index,
            "Small Profile",
            [("Portland", "OR", "97214")],
            # One issue: a profile with none skips the query for similar therapists.
            issues=list(t["issue"].values())[:1],
            profession=t["profession"]["counselor"],
            faith=t["faith"]["jewish"],
        )
        big = make_profile(
            self.index,
            "Big Profile",
            [("Portland", "OR", "97214"), ("Eugene", "OR", "97401"), ("Beaverton", "OR", "97005")],
            issues=list(t["issue"].values()),
            top_specialties=list(t["issue"].values())[:3],
            approaches=list(t["approach"].values()),
            languages=list(t["language"].values()),
            insurers=list(t["insurance"].values()),
            identities=list(t["identity"].values()),
            profession=t["profession"]["psychologist"],
            faith=t["faith"]["buddhist"],
            offers_online=True,
            online_states=[],
        )
        self.client.get(small.url)
        counts = []
        for profile in (small, big):
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(profile.url).status_code, 200)
            counts.append(len(queries))
        self.assertEqual(counts[0], counts[1])
        self.assertLessEqual(counts[1], 25)


class TestProfileRules(TestCase):
    def profile(self, **fields):
        return TherapistProfilePage(title="Test", slug="test", statement="Hello", **fields)

    def test_reserved_slug(self):
        profile = self.profile()
        profile.slug = "locations"
        with self.assertRaises(ValidationError) as error:
            profile.clean()
        self.assertIn("slug", error.exception.message_dict)

    def test_fee_range_and_verification_date(self):
        with self.assertRaises(ValidationError) as error:
            self.profile(fee_min=200, fee_max=100, license_verified=True).clean()
        self.assertIn("fee_max", error.exception.message_dict)
        self.assertIn("license_verified_on", error.exception.message_dict)

    def test_top_specialties_are_among_the_issues_and_at_most_three(self):
        issues = [Issue.objects.create(name=f"Issue {n}") for n in range(4)]
        profile = self.profile()
        profile.issues = issues[:2]
        profile.top_specialties = [issues[3]]
        with self.assertRaisesMessage(ValidationError, "among the issues you treat"):
            profile.clean()
        profile.issues = issues
        profile.top_specialties = issues
        with self.assertRaisesMessage(ValidationError, "at most three"):
            profile.clean()

    def test_location_coordinates_and_city_slug_come_from_the_zip(self):
        location = PracticeLocation(city="  Saint  Paul ", state="MN", zip_code="55102-1234")
        location.clean()
        location.profile = make_profile(directory_page(), "Loc Test", [])
        location.save()
        self.assertEqual((location.city, location.city_slug), ("Saint Paul", "saint-paul"))
        self.assertEqual(location.zip_code, "55102")
        self.assertAlmostEqual(location.latitude, 44.94, places=1)
        self.assertAlmostEqual(location.longitude, -93.10, places=1)

    def test_location_zip_must_exist_and_match_the_state(self):
        with self.assertRaisesMessage(ValidationError, "We do not know this ZIP code"):
            PracticeLocation(city="X", state="OR", zip_code="00000").clean()
        with self.assertRaisesMessage(ValidationError, "97214 is in Oregon"):
            PracticeLocation(city="X", state="WA", zip_code="97214").clean()


class TestStaffOnlyVerification(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = directory_page()
        cls.profile = make_profile(cls.index, "Owned Profile", [("Portland", "OR", "97214")])
        therapists = Group.objects.create(name="Test therapists")
        therapists.permissions.add(Permission.objects.get(codename="access_admin"))
        GroupPagePermission.objects.create(
            group=therapists,
            page=cls.index,
            permission=Permission.objects.get(codename="change_page"),
        )
        User = get_user_model()
        cls.therapist = User.objects.create_user("t", "t@example.com", "pw")
        cls.therapist.groups.add(therapists)
        # Editors verify licenses (migration 0003); page rights on the directory are granted
        # per site, as they are to therapists above.
        editors = Group.objects.get(name="Editors")
        GroupPagePermission.objects.get_or_create(
            group=editors,
            page=cls.index,
            permission=Permission.objects.get(codename="change_page"),
        )
        cls.editor = User.objects.create_user("e", "e@example.com", "pw")
        cls.editor.groups.add(editors)

    def edit_form(self, user):
        self.client.force_login(user)
        response = self.client.get(f"/admin/pages/{self.profile.pk}/edit/")
        self.assertEqual(response.status_code, 200)
        return response.content.decode()

    def test_therapist_cannot_see_verification_fields(self):
        html = self.edit_form(self.therapist)
        self.assertIn('name="license_number"', html)
        self.assertNotIn('name="license_verified"', html)
        self.assertNotIn('name="license_verified_on"', html)

    def test_editors_can(self):
        html = self.edit_form(self.editor)
        self.assertIn('name="license_verified"', html)
        self.assertIn('name="license_verified_on"', html)

    def test_posting_the_field_anyway_changes_nothing(self):
        self.client.force_login(self.therapist)
        html = self.edit_form(self.therapist)
        self.assertNotIn("license_verified", html)
        today = timezone.localdate()
        data = nested_form_data(
            {
                "title": "Owned Profile",
                "slug": "owned-profile",
                "statement": "Changed statement",
                "accepting_confirmed_on": str(today - timedelta(days=1)),
                "low_fee_places": "0",
                "state_licenses": inline_formset([]),
                "locations": inline_formset(
                    [{"city": "Portland", "state": "OR", "zip_code": "97214", "street": ""}]
                ),
                "license_verified": "on",
                "license_verified_on": str(today),
            }
        )
        response = self.client.post(f"/admin/pages/{self.profile.pk}/edit/", data)
        self.assertEqual(response.status_code, 302)
        page = TherapistProfilePage.objects.get(pk=self.profile.pk)
        revision = page.get_latest_revision_as_object()
        self.assertEqual(revision.statement, "Changed statement")
        self.assertFalse(revision.license_verified)
        self.assertIsNone(revision.license_verified_on)


class TestAdminEditing(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = directory_page()
        cls.issue = Issue.objects.create(name="Anxiety")

    def setUp(self):
        self.login()

    def test_faith_is_a_snippet_and_an_optional_profile_field(self):
        Faith.objects.create(name="Buddhist")
        self.assertContains(self.client.get("/admin/snippets/therapists/faith/"), "Buddhist")
        add = f"/admin/pages/add/therapists/therapistprofilepage/{self.index.pk}/"
        self.assertContains(self.client.get(add), 'name="faith"')

    def test_rules(self):
        self.assertCanCreateAt(TherapistIndexPage, TherapistProfilePage)
        self.assertCanNotCreateAt(TherapistProfilePage, TherapistProfilePage)

    def test_staff_create_a_profile_and_its_location_is_geocoded(self):
        data = nested_form_data(
            {
                "title": "Admin Made",
                "slug": "admin-made",
                "statement": "Plain words about my practice.",
                "issues": [self.issue.pk],
                "top_specialties": [self.issue.pk],
                "accepting_confirmed_on": str(timezone.localdate()),
                "low_fee_places": "0",
                "serves_adults": "on",
                "offers_in_person": "on",
                "state_licenses": inline_formset([]),
                "locations": inline_formset(
                    [
                        {
                            "street": "1 Main St",
                            "city": "Portland",
                            "state": "OR",
                            "zip_code": "97214",
                        }
                    ]
                ),
                "license_verified": "on",
                "license_verified_on": str(timezone.localdate()),
            }
        )
        self.assertCanCreate(self.index, TherapistProfilePage, data)
        profile = TherapistProfilePage.objects.get(slug="admin-made")
        revision = profile.get_latest_revision_as_object()
        self.assertTrue(revision.license_verified)  # a superuser may verify
        location = revision.locations.get()
        self.assertEqual((location.city_slug, location.state), ("portland", "OR"))

    def test_unknown_zip_is_refused_in_the_editor(self):
        data = nested_form_data(
            {
                "title": "Bad Zip",
                "slug": "bad-zip",
                "statement": "Hello.",
                "accepting_confirmed_on": str(timezone.localdate()),
                "low_fee_places": "0",
                "state_licenses": inline_formset([]),
                "locations": inline_formset(
                    [{"street": "", "city": "Nowhere", "state": "OR", "zip_code": "00000"}]
                ),
            }
        )
        response = self.client.post(
            f"/admin/pages/add/therapists/therapistprofilepage/{self.index.pk}/", data
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "We do not know this ZIP code")
        self.assertFalse(TherapistProfilePage.objects.filter(slug="bad-zip").exists())
