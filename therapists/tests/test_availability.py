"""Availability is a fact beside the profile page (ProfileAvailability), not page content: the
editor's answer goes live at once, never into a revision, and publishing an older draft cannot
bring back an older answer. Migration 0007 carried each profile's answer over."""

from datetime import date

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import TestCase, TransactionTestCase
from django.utils import timezone
from wagtail.models import Locale

from therapists.models import ProfileAvailability, TherapistProfilePage

from .accounts_support import make_therapist
from .test_admin_access import profile_form


class TestAnswerInTheEditor(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.therapist = make_therapist("Maya Okafor", "maya@example.com")
        profile = TherapistProfilePage.objects.get(owner=cls.therapist)
        profile.save_revision().publish()
        cls.profile = TherapistProfilePage.objects.get(pk=profile.pk)

    def setUp(self):
        self.client.force_login(self.therapist)

    def not_accepting(self, **changes):
        data = profile_form(self.profile, **changes)
        del data["accepting_new_clients"]  # the box left unticked
        return data

    def test_goes_live_at_once_and_stays_out_of_the_revision(self):
        data = self.not_accepting(statement="Changed, for review.", **{"action-submit": "1"})
        response = self.client.post(f"/admin/pages/{self.profile.pk}/edit/", data)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(
            ProfileAvailability.objects.get(profile=self.profile).accepting_new_clients
        )
        page = TherapistProfilePage.objects.get(pk=self.profile.pk)
        self.assertEqual(page.current_workflow_state.status, "in_progress")  # content waits
        self.assertNotIn("accepting_new_clients", page.get_latest_revision().content)
        self.assertNotIn("confirmed_on", page.get_latest_revision().content)
        html = self.client.get(page.url).content.decode()
        self.assertIn("Not accepting new clients", html)
        self.assertNotIn("Changed, for review.", html)
        # The directory's filter agrees.
        self.assertNotIn(
            page.url, self.client.get("/find-a-therapist/?accepting=1").content.decode()
        )

    def test_the_editor_shows_the_stored_answer(self):
        ProfileAvailability.objects.filter(profile=self.profile).update(
            accepting_new_clients=False, confirmed_on=date(2026, 1, 5)
        )
        html = self.client.get(f"/admin/pages/{self.profile.pk}/edit/").content.decode()
        self.assertRegex(
            html, r'name="accepting_new_clients" id="id_accepting_new_clients"(?! checked)'
        )
        self.assertIn('value="2026-01-05"', html)

    def test_preview_shows_the_answer_without_storing_it(self):
        url = f"/admin/pages/{self.profile.pk}/edit/preview/"
        response = self.client.post(url, self.not_accepting())
        self.assertEqual(response.json()["is_valid"], True)
        self.assertContains(self.client.get(url), "Not accepting new clients")
        self.assertTrue(ProfileAvailability.objects.get(profile=self.profile).accepting_new_clients)

    def test_publishing_an_older_draft_keeps_the_newer_answer(self):
        draft = self.profile.save_revision()
        self.client.post("/admin/my-profile/accepting/")
        ProfileAvailability.objects.filter(profile=self.profile).update(
            accepting_new_clients=False, confirmed_on=timezone.localdate()
        )
        draft.publish()
        availability = ProfileAvailability.objects.get(profile=self.profile)
        self.assertEqual(
            (availability.accepting_new_clients, availability.confirmed_on),
            (False, timezone.localdate()),
        )

    def test_a_new_profile_accepts_as_of_today(self):
        other = make_therapist("Ben Other", "ben@example.com")
        availability = TherapistProfilePage.objects.get(owner=other).availability
        self.assertEqual(
            (availability.accepting_new_clients, availability.confirmed_on),
            (True, timezone.localdate()),
        )


class TestMigration(TransactionTestCase):
    """0007 gives every existing profile the answer its page held; undoing it puts it back."""

    serialized_rollback = True
    before = [("therapists", "0006_faith")]
    after = [("therapists", "0008_remove_page_availability_fields")]

    def tearDown(self):
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())

    def make_profile(self, apps, number, **availability):
        Profile = apps.get_model("therapists", "TherapistProfilePage")
        return Profile.objects.create(
            title=f"Profile {number}",
            draft_title=f"Profile {number}",
            slug=f"profile-{number}",
            path=f"0001Z{number:03d}",  # outside the tree the test site uses
            depth=2,
            content_type_id=ContentType.objects.get_for_model(TherapistProfilePage).pk,
            locale_id=Locale.objects.get().pk,
            statement="Hello.",
            **availability,
        ).pk

    def test_answers_move_to_profile_availability_and_back(self):
        executor = MigrationExecutor(connection)
        executor.migrate(self.before)
        old = executor.loader.project_state(self.before).apps
        stale = date(2025, 3, 1)
        accepting = self.make_profile(
            old, 1, accepting_new_clients=True, accepting_confirmed_on=stale
        )
        full = self.make_profile(old, 2, accepting_new_clients=False, accepting_confirmed_on=stale)

        executor = MigrationExecutor(connection)
        executor.migrate(self.after)
        new = executor.loader.project_state(self.after).apps
        rows = new.get_model("therapists", "ProfileAvailability").objects.values_list(
            "profile_id", "accepting_new_clients", "confirmed_on"
        )
        self.assertEqual(sorted(rows), [(accepting, True, stale), (full, False, stale)])

        executor = MigrationExecutor(connection)
        executor.migrate(self.before)
        pages = old.get_model("therapists", "TherapistProfilePage").objects.order_by("pk")
        self.assertEqual(
            list(pages.values_list("accepting_new_clients", "accepting_confirmed_on")),
            [(True, stale), (False, stale)],
        )
