"""Joining, verifying, the one owned draft profile, account pages, messages and throttling."""

import re
from datetime import timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.core import mail, signing
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.utils import timezone
from wagtail.models import Collection, GroupCollectionPermission, Revision

from therapists import accounts
from therapists.models import (
    ContactMessage,
    ProfileAvailability,
    TherapistAccount,
    TherapistIndexPage,
    TherapistProfilePage,
)

from .accounts_support import join_data, link_in, make_therapist
from .fixtures import directory_page

User = get_user_model()


class TestJoin(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = directory_page()

    def setUp(self):
        cache.clear()  # the per-client sign-up limit

    def test_join_page_has_every_field(self):
        response = self.client.get("/join/")
        self.assertContains(response, "<h1>Join — therapists only</h1>", html=True)
        for name in (
            "name", "email", "password1", "password2", "profession", "license_type",
            "license_number", "license_state", "zip_code", "accept_terms",
        ):  # fmt: skip
            self.assertContains(response, f'name="{name}"')

    def test_joining_creates_an_inactive_account_and_emails_a_link(self):
        response = self.client.post("/join/", join_data())
        self.assertRedirects(response, "/join/check-your-email/")
        user = User.objects.get(email="maya@example.com")
        self.assertFalse(user.is_active)
        self.assertFalse(TherapistProfilePage.objects.filter(owner=user).exists())
        self.assertEqual(len(mail.outbox), 1)
        self.assertEqual(mail.outbox[0].to, ["maya@example.com"])
        self.assertIn("/join/verify/", mail.outbox[0].body)
        # An unverified account cannot log in.
        self.assertFalse(self.client.login(username="maya@example.com", password="calm-river-4821"))

    def test_verification_activates_and_opens_the_draft_in_the_editor(self):
        self.client.post("/join/", join_data())
        link = link_in(mail.outbox[0])
        page = self.client.get(link)
        self.assertContains(page, "Confirm and open my profile")
        # Opening the link (a mail scanner) changes nothing.
        self.assertFalse(User.objects.get(email="maya@example.com").is_active)
        response = self.client.post(link)
        user = User.objects.get(email="maya@example.com")
        profile = TherapistProfilePage.objects.get(owner=user)
        self.assertRedirects(
            response, f"/admin/pages/{profile.pk}/edit/", fetch_redirect_response=False
        )
        self.assertTrue(user.is_active)
        self.assertTrue(user.groups.filter(name="Therapists").exists())
        self.assertFalse(profile.live)
        self.assertEqual(profile.get_parent().specific, self.index)
        self.assertEqual(profile.title, "Maya Okafor")
        self.assertEqual(profile.profession.name, "Psychologist")
        self.assertEqual(
            (profile.license_type, profile.license_number, profile.license_state),
            ("PsyD", "PSY-12345", "OR"),
        )
        self.assertFalse(profile.license_verified)
        self.assertEqual([loc.zip_code for loc in profile.locations.all()], ["97214"])
        self.assertEqual(profile.locations.first().city, "Portland")
        account = TherapistAccount.objects.get(user=user)
        self.assertEqual(account.profile.pk, profile.pk)
        self.assertTrue(account.is_verified)
        editor = self.client.get(response["Location"])
        self.assertEqual(editor.status_code, 200)
        self.assertContains(editor, "Your email address is confirmed")

    def test_own_collection_with_upload_rights_there_only(self):
        user = make_therapist("Maya Okafor", "maya@example.com")
        account = TherapistAccount.objects.get(user=user)
        self.assertEqual(account.collection.get_parent().name, "Therapists’ uploads")
        collections = set(
            GroupCollectionPermission.objects.filter(group__user=user).values_list(
                "collection", flat=True
            )
        )
        self.assertEqual(collections, {account.collection.pk})
        self.assertNotIn(Collection.get_first_root_node().pk, collections)

    def test_second_click_on_the_link_says_it_was_used(self):
        self.client.post("/join/", join_data())
        link = link_in(mail.outbox[0])
        self.client.post(link)
        self.client.logout()
        for method in (self.client.get, self.client.post):
            response = method(link)
            self.assertContains(response, "This link was already used", status_code=200)
        self.assertEqual(TherapistProfilePage.objects.filter(title="Maya Okafor").count(), 1)

    def test_forged_link_is_a_404_and_changes_nothing(self):
        self.client.post("/join/", join_data())
        link = link_in(mail.outbox[0])
        for bad in (
            link[:-3] + "xyz/",
            "/join/verify/nonsense/",
            "/join/verify/" + "a" * 400 + "/",
        ):
            response = self.client.post(bad)
            self.assertContains(response, "This link is not valid", status_code=404)
        # A validly signed token for another account's id is refused too.
        other = signing.dumps(
            {"u": 999999, "e": "maya@example.com"}, salt=accounts.JOIN_SALT, compress=True
        )
        self.assertEqual(self.client.post(f"/join/verify/{other}/").status_code, 404)
        self.assertFalse(User.objects.get(email="maya@example.com").is_active)

    def test_no_directory_page_yet_is_a_503_and_changes_nothing(self):
        self.client.post("/join/", join_data())
        link = link_in(mail.outbox[0])
        TherapistIndexPage.objects.all().delete()
        response = self.client.post(link)
        self.assertContains(response, "Our directory is not open yet", status_code=503)
        self.assertFalse(User.objects.get(email="maya@example.com").is_active)
        self.assertFalse(TherapistAccount.objects.get().is_verified)

    def test_expired_link_is_a_410(self):
        self.client.post("/join/", join_data())
        link = link_in(mail.outbox[0])
        later = timezone.now() + timedelta(days=accounts.LINK_VALID_DAYS, minutes=1)
        with mock.patch("django.core.signing.time.time", return_value=later.timestamp()):
            response = self.client.post(link)
        self.assertContains(response, "This link has expired", status_code=410)
        self.assertFalse(User.objects.get(email="maya@example.com").is_active)

    def test_duplicate_email_of_an_active_account(self):
        """The same answer as a new address (no enumeration); the owner is told by email."""
        make_therapist("Maya Okafor", "maya@example.com")
        mail.outbox.clear()
        response = self.client.post("/join/", join_data(email="MAYA@example.com"))
        self.assertRedirects(response, "/join/check-your-email/")
        self.assertEqual(User.objects.filter(email__iexact="maya@example.com").count(), 1)
        (notice,) = mail.outbox
        self.assertEqual(notice.to, ["maya@example.com"])
        self.assertEqual(notice.subject, "Someone tried to join with your email address")
        self.assertIn("http://testserver/admin/login/", notice.body)
        self.assertIn("http://testserver/admin/password_reset/", notice.body)
        self.assertTrue(
            User.objects.get(email="maya@example.com").check_password("calm-river-4821")
        )

    def test_new_and_existing_addresses_get_the_same_answer(self):
        make_therapist("Maya Okafor", "maya@example.com")
        answers = []
        for email in ("maya@example.com", "nobody@example.com"):
            response = self.client.post("/join/", join_data(email=email), follow=True)
            page = response.content.decode().replace(email, "ADDRESS")
            page = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)
            answers.append((response.redirect_chain, response.status_code, page))
        self.assertEqual(answers[0], answers[1])

    def test_the_owner_is_told_at_most_twice_an_hour(self):
        make_therapist("Maya Okafor", "maya@example.com")
        mail.outbox.clear()
        for number in range(4):
            response = self.client.post("/join/", join_data(), REMOTE_ADDR=f"10.0.0.{number}")
            self.assertRedirects(response, "/join/check-your-email/")
        self.assertEqual(len(mail.outbox), 2)

    def test_second_attempt_before_verifying_sends_a_fresh_link(self):
        self.client.post("/join/", join_data())
        response = self.client.post("/join/", join_data(license_number="PSY-999"))
        self.assertRedirects(response, "/join/check-your-email/")
        self.assertEqual(len(mail.outbox), 2)
        self.assertEqual(User.objects.filter(email="maya@example.com").count(), 1)
        self.client.post(link_in(mail.outbox[1]))
        self.assertEqual(
            TherapistProfilePage.objects.get(title="Maya Okafor").license_number, "PSY-999"
        )

    def test_weak_password_and_other_mistakes(self):
        cases = {
            "password1": (
                {"password1": "password", "password2": "password"},
                "This password is too common.",
            ),
            "password2": ({"password2": "different-9999"}, "The two passwords differ."),
            "zip_code": ({"zip_code": "00000"}, "We do not know this ZIP code"),
            "accept_terms": ({"accept_terms": ""}, "Accept the terms and membership requirements"),
            "email": ({"email": "not-an-email"}, "Enter a valid email address."),
            "license_state": ({"license_state": "WA"}, "Your practice ZIP is in Oregon"),
        }
        for field, (overrides, message) in cases.items():
            with self.subTest(field):
                cache.clear()
                response = self.client.post("/join/", join_data(**overrides))
                self.assertContains(response, message, status_code=400)
                self.assertContains(response, f'id="id_{field}_error"', status_code=400)
        self.assertFalse(User.objects.filter(email="maya@example.com").exists())
        self.assertEqual(mail.outbox, [])

    def test_expired_sign_ups_are_deleted(self):
        self.client.post("/join/", join_data())
        TherapistAccount.objects.update(created_at=timezone.now() - timedelta(days=4))
        self.assertEqual(accounts.delete_expired_signups(), 1)
        self.assertFalse(User.objects.filter(email="maya@example.com").exists())
        # And the address may join again.
        self.assertRedirects(self.client.post("/join/", join_data()), "/join/check-your-email/")


class TestAccountPage(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.user = make_therapist("Maya Okafor", "maya@example.com")
        cls.profile = TherapistProfilePage.objects.get(owner=cls.user)
        cls.profile.save_revision().publish()

    def setUp(self):
        cache.clear()
        self.client.force_login(self.user)

    def test_anonymous_is_sent_to_log_in(self):
        self.client.logout()
        response = self.client.get("/account/")
        self.assertRedirects(
            response, "/admin/login/?next=/account/", fetch_redirect_response=False
        )

    def test_staff_have_no_therapist_account_page(self):
        staff = User.objects.create_superuser("boss", "boss@example.com", "pw")
        self.client.force_login(staff)
        self.assertEqual(self.client.get("/account/").status_code, 404)

    def test_change_email_needs_the_link(self):
        response = self.client.post(
            "/account/email/",
            {"email-new_email": "new@example.com", "email-password": "calm-river-4821"},
        )
        self.assertRedirects(response, "/account/")
        self.user.refresh_from_db()
        self.assertEqual(self.user.email, "maya@example.com")
        confirm = next(m for m in mail.outbox if m.to == ["new@example.com"])
        self.assertTrue(any(m.to == ["maya@example.com"] for m in mail.outbox))
        response = self.client.get(link_in(confirm))
        self.assertRedirects(response, "/account/")
        self.user.refresh_from_db()
        self.assertEqual(
            (self.user.email, self.user.username), ("new@example.com", "new@example.com")
        )

    def test_password_reset_by_email(self):
        self.client.logout()
        mail.outbox.clear()
        response = self.client.post("/admin/password_reset/", {"email": "maya@example.com"})
        self.assertEqual(response.status_code, 302)
        (message,) = mail.outbox
        self.assertEqual(message.to, ["maya@example.com"])
        self.assertIn("/admin/password_reset/confirm/", message.body)

    def test_change_email_link_of_another_account_is_refused(self):
        other = make_therapist("Ben Other", "ben@example.com")
        token = accounts.make_link_token(other, "steal@example.com", accounts.EMAIL_CHANGE_SALT)
        response = self.client.get(f"/account/email/{token}/")
        self.assertEqual(response.status_code, 404)
        self.user.refresh_from_db()
        other.refresh_from_db()
        self.assertEqual((self.user.email, other.email), ("maya@example.com", "ben@example.com"))

    def test_change_email_mistakes(self):
        make_therapist("Ben Other", "ben@example.com")
        for data, message in (
            (
                {"email-new_email": "ben@example.com", "email-password": "calm-river-4821"},
                "Another account uses",
            ),
            (
                {"email-new_email": "x@example.com", "email-password": "wrong"},
                "That is not your password.",
            ),
            (
                {"email-new_email": "maya@example.com", "email-password": "calm-river-4821"},
                "already your email",
            ),
        ):
            self.assertContains(self.client.post("/account/email/", data), message, status_code=400)

    def test_remove_my_listing(self):
        response = self.client.post(
            "/account/remove/", {"remove-password": "wrong", "remove-confirm": "on"}
        )
        self.assertContains(response, "That is not your password.", status_code=400)
        response = self.client.post(
            "/account/remove/", {"remove-password": "calm-river-4821", "remove-confirm": "on"}
        )
        self.assertContains(response, "Your listing was removed")
        self.profile.refresh_from_db()
        self.user.refresh_from_db()
        self.assertFalse(self.profile.live)
        self.assertFalse(self.user.is_active)
        self.assertIsNotNone(TherapistAccount.objects.get(user=self.user).removed_at)
        self.assertEqual(self.client.get("/admin/").status_code, 302)  # logged out
        # Joining again with that address: the usual answer, and an email saying how to get
        # the listing back.
        mail.outbox.clear()
        response = self.client.post("/join/", join_data())
        self.assertRedirects(response, "/join/check-your-email/")
        self.assertIn("Your listing was removed", mail.outbox[0].body)
        self.assertFalse(User.objects.get(pk=self.user.pk).is_active)

    def test_staff_restore_a_removed_listing(self):
        from django.contrib.auth.models import Group

        self.client.post(
            "/account/remove/", {"remove-password": "calm-river-4821", "remove-confirm": "on"}
        )
        account = TherapistAccount.objects.get(user=self.user)
        editor = User.objects.create_user("editor", "editor@example.com", "pw")
        editor.groups.add(Group.objects.get(name="Editors"))
        url = f"/admin/therapist-accounts/{account.pk}/restore/"
        # Therapists (and anyone without verify_license) cannot.
        other = make_therapist("Ben Other", "ben@example.com")
        self.client.force_login(other)
        self.assertRedirects(self.client.post(url), "/admin/", fetch_redirect_response=False)
        self.client.force_login(editor)
        listing = self.client.get("/admin/therapists/therapistaccount/")
        self.assertContains(listing, "Maya Okafor")
        self.assertContains(listing, url)
        self.assertContains(self.client.get(url), "Restore account and listing")
        response = self.client.post(url)
        self.assertRedirects(response, "/admin/therapists/therapistaccount/")
        self.user.refresh_from_db()
        self.profile.refresh_from_db()
        self.assertTrue(self.user.is_active)
        self.assertTrue(self.profile.live)
        self.assertIsNone(TherapistAccount.objects.get(user=self.user).removed_at)
        self.assertEqual(
            self.client.get("/admin/therapist-accounts/999999/restore/").status_code, 404
        )


class TestDashboard(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_therapist("Maya Okafor", "maya@example.com")
        cls.b = make_therapist("Ben Other", "ben@example.com")
        cls.profile_a = TherapistProfilePage.objects.get(owner=cls.a)
        cls.profile_b = TherapistProfilePage.objects.get(owner=cls.b)
        cls.message_a = ContactMessage.objects.create(
            profile=cls.profile_a, name="Jordan", email="j@example.com", message="Hello A"
        )
        cls.message_b = ContactMessage.objects.create(
            profile=cls.profile_b, name="Sam", email="s@example.com", message="Hello B"
        )

    def setUp(self):
        self.client.force_login(self.a)

    def test_panel_shows_status_and_only_own_messages(self):
        response = self.client.get("/admin/")
        self.assertContains(response, "Your profile")
        self.assertContains(response, "Draft: not yet submitted")
        self.assertContains(response, "Jordan")
        self.assertNotContains(response, "Sam")
        self.assertNotContains(response, "Ben Other")
        # No site-wide summary (page, image and document counts) for a therapist.
        self.assertNotContains(response, "created in")

    def test_status_follows_the_workflow(self):
        from therapists.dashboard import profile_status

        profile = TherapistProfilePage.objects.get(pk=self.profile_a.pk)
        self.assertEqual(profile_status(profile), "draft")
        profile.get_workflow().start(profile, self.a)
        profile = TherapistProfilePage.objects.get(pk=self.profile_a.pk)
        self.assertEqual(profile_status(profile), "in_review")
        profile.current_workflow_state.cancel(user=self.a)
        profile.save_revision().publish()
        profile = TherapistProfilePage.objects.get(pk=self.profile_a.pk)
        self.assertEqual(profile_status(profile), "live")
        profile.title = "Maya Okafor-Lee"
        profile.save_revision(user=self.a)
        profile = TherapistProfilePage.objects.get(pk=self.profile_a.pk)
        self.assertEqual(profile_status(profile), "changes_pending")

    def test_confirm_accepting_updates_the_date_and_the_draft(self):
        ProfileAvailability.objects.filter(profile=self.profile_a).update(
            confirmed_on=timezone.localdate() - timedelta(days=200)
        )
        revisions = Revision.page_revisions.filter(object_id=str(self.profile_a.pk))
        before = list(revisions.values_list("pk", "content"))
        response = self.client.post("/admin/my-profile/accepting/")
        self.assertRedirects(response, "/admin/")
        profile = TherapistProfilePage.objects.get(pk=self.profile_a.pk)
        self.assertEqual(profile.get_availability().confirmed_on, timezone.localdate())
        draft = profile.get_latest_revision_as_object()
        self.assertEqual(draft.get_availability().confirmed_on, timezone.localdate())
        # A fact beside the page, not content: no revision is created or edited.
        self.assertEqual(list(revisions.values_list("pk", "content")), before)
        self.assertEqual(self.client.get("/admin/my-profile/accepting/").status_code, 405)

    def test_messages_read_and_handled(self):
        self.assertContains(self.client.get("/admin/my-messages/"), "Jordan")
        self.assertNotContains(self.client.get("/admin/my-messages/"), "Sam")
        response = self.client.get(f"/admin/my-messages/{self.message_a.pk}/")
        self.assertContains(response, "Hello A")
        self.message_a.refresh_from_db()
        self.assertIsNotNone(self.message_a.read_at)
        response = self.client.post(f"/admin/my-messages/{self.message_a.pk}/", {"handled": "1"})
        self.assertRedirects(response, "/admin/my-messages/")
        self.message_a.refresh_from_db()
        self.assertIsNotNone(self.message_a.handled_at)

    def test_another_therapists_message_is_a_404_and_unchanged(self):
        for method in (self.client.get, self.client.post):
            response = method(f"/admin/my-messages/{self.message_b.pk}/", {"handled": "1"})
            self.assertEqual(response.status_code, 404)
        self.message_b.refresh_from_db()
        self.assertIsNone(self.message_b.read_at)
        self.assertIsNone(self.message_b.handled_at)


@override_settings(AXES_ENABLED=True)
class TestLoginThrottling(TestCase):
    def test_five_wrong_passwords_lock_the_login_out(self):
        User.objects.create_user("maya@example.com", "maya@example.com", "calm-river-4821")
        for _attempt in range(4):
            response = self.client.post(
                "/admin/login/", {"username": "maya@example.com", "password": "guess"}
            )
            self.assertEqual(response.status_code, 200)
        response = self.client.post(
            "/admin/login/", {"username": "maya@example.com", "password": "guess"}
        )
        self.assertContains(response, "Too many failed attempts", status_code=429)
        # Now even the right password is refused until the cool-off ends.
        response = self.client.post(
            "/admin/login/", {"username": "maya@example.com", "password": "calm-river-4821"}
        )
        self.assertContains(response, "Too many failed attempts", status_code=429)
        self.assertNotIn("_auth_user_id", self.client.session)
