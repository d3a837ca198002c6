"""The demo directory: big and varied enough for every filter to matter, and idempotent."""

from io import StringIO
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.http import QueryDict
from django.test import TestCase
from wagtail.models import Site

from home.models import SiteSettings
from therapists.finder import DirectorySearch
from therapists.forms import DirectorySearchForm
from therapists.models import PracticeLocation, TherapistProfilePage, accepting_cutoff


class TestDemoDirectory(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=StringIO())

    def count(self, **params):
        form = DirectorySearchForm(QueryDict(urlencode(params)))
        self.assertTrue(form.is_valid(), form.errors)
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        return DirectorySearch(form.cleaned_data, accepting_cutoff(settings)).filtered().count()

    def test_size_and_spread(self):
        live = TherapistProfilePage.objects.live()
        self.assertGreaterEqual(live.count(), 40)
        locations = PracticeLocation.objects.filter(profile__in=live)
        self.assertGreaterEqual(locations.values("state").distinct().count(), 6)
        self.assertGreaterEqual(locations.values("state", "city_slug").distinct().count(), 12)
        self.assertFalse(locations.filter(latitude__isnull=True).exists())

    def test_every_filter_narrows_the_list(self):
        total = self.count()
        samples = {
            "issue": "anxiety",
            "approach": "emdr",
            "profession": "psychologist",
            "gender": "non-binary",
            "language": "spanish",
            "insurance": "medicaid",
            "identity": "veteran",
            "online": "1",
            "in_person": "1",
            "sliding_scale": "1",
            "accepting": "1",
            "max_fee": "120",
            "location": "97214",
            "q": "ingrid",
        }
        for param, value in samples.items():
            with self.subTest(param=param):
                self.assertTrue(0 < self.count(**{param: value}) < total)

    def test_each_demo_therapist_owns_exactly_one_profile(self):
        for username in ("therapist1", "therapist2"):
            user = get_user_model().objects.get(username=username)
            self.assertEqual(TherapistProfilePage.objects.filter(owner=user).count(), 1)

    def test_demo_therapists_are_restricted_like_any_therapist(self):
        from therapists.admin_access import is_therapist
        from therapists.models import TherapistAccount

        for username in ("therapist1", "therapist2"):
            user = get_user_model().objects.get(username=username)
            self.assertTrue(is_therapist(user))
            account = TherapistAccount.objects.get(user=user)
            self.assertEqual(account.profile.owner_id, user.pk)
            self.assertTrue(account.is_verified)
            self.assertEqual(account.collection.get_parent().name, "Therapists’ uploads")
        self.client.force_login(get_user_model().objects.get(username="therapist1"))
        other = TherapistProfilePage.objects.get(owner__username="therapist2")
        self.assertEqual(self.client.get(f"/admin/pages/{other.pk}/edit/").status_code, 404)
        own = TherapistProfilePage.objects.get(owner__username="therapist1")
        self.assertEqual(self.client.get(f"/admin/pages/{own.pk}/edit/").status_code, 200)

    def test_phone_numbers_are_fictional(self):
        for phone in TherapistProfilePage.objects.values_list("phone", flat=True):
            self.assertRegex(phone, r"555-01\d\d$")

    def test_loading_again_changes_nothing(self):
        from django.contrib.auth.models import Group
        from wagtail.models import Collection

        def counts():
            return (
                TherapistProfilePage.objects.count(),
                PracticeLocation.objects.count(),
                Collection.objects.count(),
                Group.objects.count(),
            )

        before = counts()
        call_command("load_demo_content", stdout=StringIO())
        after = counts()
        self.assertEqual(before, after)
