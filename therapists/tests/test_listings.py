"""Listings that stay true (issue 18 items 1–3): availability reminders with a one-click link,
ghost listings leaving the results, expired licenses, visitors' reports, unanswered messages."""

import re
from datetime import date, timedelta
from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail, signing
from django.core.cache import cache
from django.core.management import call_command
from django.test import Client, TestCase
from django.utils import timezone

from therapists import availability_links
from therapists.models import ContactMessage, ListingReport, ProfileAvailability
from therapists.models.availability import save_pending_availability
from therapists.replies import unanswered_by_age, usual_reply_days, working_days_between
from therapists.tests.fixtures import directory_page, make_profile

PORTLAND = [("Portland", "OR", "97214")]


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)


def run_checks():
    call_command("check_directory_listings", stdout=open("/dev/null", "w"))


class ListingTestCase(TestCase):
    @classmethod
    def setUpTestData(cls):
        users = get_user_model().objects
        cls.owner = users.create_user("owner", "owner@therapists.example")
        cls.staff = users.create_user("eddie", "eddie@example.com")
        cls.staff.groups.add(Group.objects.get(name="Editors"))
        cls.index = directory_page()
        cls.profile = make_profile(
            cls.index,
            "Mira Mossgiel",
            PORTLAND,
            owner=cls.owner,
            accepting_confirmed_on=days_ago(95),
            license_verified=True,
            license_verified_on=days_ago(300),
        )
        cls.fresh = make_profile(
            cls.index, "Fern Fairweather", PORTLAND, accepting_confirmed_on=days_ago(2)
        )

    def setUp(self):
        cache.clear()


class TestAvailabilityReminder(ListingTestCase):
    def reminder_link(self):
        (email,) = [m for m in mail.outbox if m.to == ["owner@therapists.example"]]
        return re.search(r"https?://[^/\s]+(/directory/availability/\S+/)", email.body).group(1)

    def test_one_reminder_whose_link_answers_once_on_post_only(self):
        run_checks()
        link = self.reminder_link()
        self.assertIn("Still accepting new clients?", mail.outbox[0].subject)
        run_checks()  # the next day's run does not ask again
        self.assertEqual(len([m for m in mail.outbox if "Still accepting" in m.subject]), 1)

        page = self.client.get(link)  # what a mail scanner does: nothing changes
        self.assertContains(page, "Yes, still accepting new clients")
        self.assertEqual(
            self.profile.availability.__class__.objects.get(profile=self.profile).confirmed_on,
            days_ago(95),
        )

        done = self.client.post(link, {"answer": "not-accepting"})
        self.assertContains(done, "not accepting new clients, confirmed")
        availability = ProfileAvailability.objects.get(profile=self.profile)
        self.assertEqual(
            (availability.accepting_new_clients, availability.confirmed_on),
            (False, timezone.localdate()),
        )
        again = self.client.post(link, {"answer": "accepting"})
        self.assertContains(again, "This link was already used", status_code=410)
        self.assertFalse(
            ProfileAvailability.objects.get(profile=self.profile).accepting_new_clients
        )

    def test_bad_answer_forged_and_expired_links(self):
        run_checks()
        link = self.reminder_link()
        self.assertContains(
            self.client.post(link, {"answer": "maybe"}), "Choose one", status_code=400
        )
        forged = link.replace("/availability/", "/availability/x")
        self.assertContains(self.client.get(forged), "not valid", status_code=404)
        self.assertEqual(
            self.client.get("/directory/availability/" + "a" * 400 + "/").status_code, 404
        )
        later = timezone.now() + timedelta(days=availability_links.LINK_VALID_DAYS + 1)
        with mock.patch("time.time", return_value=later.timestamp()):
            self.assertContains(self.client.get(link), "expired", status_code=410)

    def test_a_newer_reminder_replaces_the_older_link(self):
        run_checks()
        old = self.reminder_link()
        token = signing.TimestampSigner(salt=availability_links.SALT).sign_object(
            {"p": self.profile.pk, "n": "not-the-nonce"}
        )
        self.assertEqual(self.client.get(f"/directory/availability/{token}/").status_code, 410)
        self.assertEqual(self.client.get(old).status_code, 200)


class TestGhostListings(ListingTestCase):
    def results(self, query=""):
        html = self.client.get("/find-a-therapist/" + query).content.decode()
        return html

    def test_unconfirmed_after_the_grace_period_then_out_of_the_default_results(self):
        # 95 days: reminded, still accepting (the grace period).
        self.assertIn("Mira Mossgiel", self.results("?accepting=1"))
        ProfileAvailability.objects.filter(profile=self.profile).update(confirmed_on=days_ago(110))
        cache.clear()
        self.assertNotIn("Mira Mossgiel", self.results("?accepting=1"))
        self.assertIn("Mira Mossgiel", self.results())
        self.assertContains(self.client.get(self.profile.url), "Availability unconfirmed")

        ProfileAvailability.objects.filter(profile=self.profile).update(confirmed_on=days_ago(200))
        cache.clear()
        self.assertNotIn("Mira Mossgiel", self.results())
        self.assertNotIn("Mira Mossgiel", self.results("?location=97214"))
        self.assertIn("Mira Mossgiel", self.results("?q=Mossgiel"))  # by name
        self.assertEqual(self.client.get(self.profile.url).status_code, 200)  # by URL

        run_checks()
        (notice,) = [m for m in mail.outbox if m.to == ["eddie@example.com"]]
        self.assertIn("Mira Mossgiel (last confirmed", notice.body)
        run_checks()  # told once
        self.assertEqual(len([m for m in mail.outbox if m.to == ["eddie@example.com"]]), 1)


class TestExpiredLicense(ListingTestCase):
    def test_no_badge_and_staff_asked_to_recheck_once(self):
        self.assertContains(self.client.get(self.profile.url), "badge--verified")
        self.profile.license_expires_on = days_ago(1)
        self.profile.license_type, self.profile.license_number = "LPC", "C-123"
        self.profile.save_revision().publish()
        html = self.client.get(self.profile.url).content.decode()
        self.assertNotIn("badge--verified", html)
        self.assertIn("Expired on", html)
        self.assertNotIn("badge--verified", self.client.get("/find-a-therapist/").content.decode())
        run_checks()
        (notice,) = [m for m in mail.outbox if m.to == ["eddie@example.com"]]
        self.assertIn("These licenses have expired", notice.body)
        self.assertIn("LPC C-123 (", notice.body)
        run_checks()
        self.assertEqual(len([m for m in mail.outbox if m.to == ["eddie@example.com"]]), 1)


GOOD_REPORT = {
    "reason": "phone",
    "details": "The number says it is not in service.",
    "reporter_email": "rae@example.com",
    "website": "",
}


class TestReports(ListingTestCase):
    def post(self, **changes):
        return self.client.post(
            f"/directory/report/{self.profile.pk}/",
            {**GOOD_REPORT, **changes},
            REMOTE_ADDR="10.4.4.4",
        )

    def test_every_profile_links_to_the_report_form(self):
        page = self.client.get(self.profile.url)
        self.assertContains(page, f'href="/directory/report/{self.profile.pk}/"')
        self.assertContains(page, "Report outdated or wrong information")
        form = self.client.get(f"/directory/report/{self.profile.pk}/")
        self.assertContains(form, "The phone number does not work")
        self.assertNotIn("Set-Cookie", form.headers)  # cacheable: no CSRF cookie

    def test_stored_and_the_therapist_told_without_the_reporter(self):
        response = self.post()
        self.assertRedirects(response, self.profile.url, fetch_redirect_response=False)
        report = ListingReport.objects.get()
        self.assertEqual((report.reason, report.status), ("phone", "open"))
        (email,) = mail.outbox
        self.assertEqual(email.to, ["owner@therapists.example"])
        self.assertIn("The phone number does not work", email.body)
        self.assertIn("not in service", email.body)
        self.assertNotIn("rae@example.com", email.body + str(email.reply_to))

    def test_bad_input_is_refused_with_reasons(self):
        self.assertContains(
            self.post(reason="other", details=""), "Say what is wrong.", status_code=400
        )
        self.assertContains(self.post(reason="nonsense"), "Select a valid choice", status_code=400)
        self.assertContains(self.post(website="x"), "hidden field was filled in", status_code=400)
        self.assertContains(self.post(details="x" * 1001), "at most 1000", status_code=400)
        self.assertEqual(self.client.get("/directory/report/999999/").status_code, 404)
        self.assertFalse(ListingReport.objects.exists())

    def test_cross_site_posts_are_refused(self):
        client = Client(enforce_csrf_checks=True)
        response = client.post(
            f"/directory/report/{self.profile.pk}/",
            GOOD_REPORT,
            headers={"origin": "https://evil.example"},
        )
        self.assertEqual(response.status_code, 403)
        self.assertFalse(ListingReport.objects.exists())

    def test_rate_limited_and_third_open_report_flags_the_profile(self):
        for _ in range(3):
            self.assertEqual(self.post().status_code, 302)
        flagged = [m for m in mail.outbox if m.to == ["eddie@example.com"]]
        self.assertEqual(len(flagged), 1)
        self.assertIn("3 open reports on Mira Mossgiel", flagged[0].subject)
        for _ in range(2):
            self.post()
        self.assertContains(self.post(), "several reports in a short time", status_code=429)
        self.assertEqual(ListingReport.objects.count(), 5)

    def test_staff_queue_shows_the_flag_and_therapists_cannot_see_it(self):
        for _ in range(3):
            self.post()
        admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")
        self.client.force_login(admin)
        ListingReport.objects.create(profile=self.fresh, reason="moved", status="dismissed")
        listing = self.client.get("/admin/therapists/listingreport/")
        self.assertContains(listing, "3: flagged")
        html = listing.content.decode()
        # Open reports first, though the checked one is the newest.
        self.assertLess(html.index("Mira Mossgiel"), html.index("Fern Fairweather"))
        self.assertNotContains(listing, "/admin/therapists/listingreport/create/")
        self.client.force_login(self.owner)
        self.assertNotEqual(self.client.get("/admin/therapists/listingreport/").status_code, 200)


class TestAnswersThatArrive(ListingTestCase):
    def message(self, created, handled=None, name="Sam"):
        message = ContactMessage.objects.create(
            profile=self.profile, name=name, email="s@example.com", message="Hi", consent=True
        )
        ContactMessage.objects.filter(pk=message.pk).update(created_at=created, handled_at=handled)
        return ContactMessage.objects.get(pk=message.pk)

    def test_working_days(self):
        friday, monday = date(2026, 12, 4), date(2026, 12, 7)
        self.assertEqual(working_days_between(friday, monday), 1)
        self.assertEqual(working_days_between(monday, monday + timedelta(days=3)), 3)
        self.assertEqual(working_days_between(monday, friday), 0)

    def test_unanswered_grouped_by_age_and_reminded_once(self):
        now = timezone.now()
        old = self.message(now - timedelta(days=8), name="Olive Old")
        self.message(now, name="Nina New")
        self.message(now - timedelta(days=8), handled=now, name="Hal Handled")
        groups = unanswered_by_age(self.profile)
        self.assertEqual([label for label, _items in groups][0], "3 or more working days: overdue")
        self.assertEqual(groups[0][1][0][0].pk, old.pk)
        self.assertEqual(groups[-1][0], "Today")

        run_checks()
        (reminder,) = [m for m in mail.outbox if "waiting for your reply" in m.subject]
        self.assertIn("Olive Old", reminder.body)
        self.assertIn(f"/admin/my-messages/{old.pk}/", reminder.body)
        self.assertNotIn("Nina New", reminder.body)
        self.assertNotIn("Hal Handled", reminder.body)
        run_checks()
        self.assertEqual(len([m for m in mail.outbox if "waiting for your" in m.subject]), 1)

    def test_dashboard_shows_unanswered_by_age(self):
        self.message(timezone.now() - timedelta(days=8), name="Olive Old")
        self.owner.groups.add(Group.objects.get(name="Therapists"))
        self.client.force_login(self.owner)
        html = self.client.get("/admin/").content.decode()
        self.assertIn('id="unanswered-messages"', html)
        self.assertIn("overdue", html)
        self.assertIn("Olive Old", html)

    def test_usually_replies_within_only_with_enough_handled_messages(self):
        start = timezone.now() - timedelta(days=30)
        for number in range(4):
            self.message(start, handled=start + timedelta(hours=20 + number))
        self.assertIsNone(usual_reply_days(self.profile.pk))
        self.assertNotContains(self.client.get(self.profile.url), "Usually replies")
        message = self.message(start)
        message.handled_at = start + timedelta(days=2, hours=1)
        message.save(update_fields=["handled_at"])  # as the dashboard does
        self.assertEqual(ProfileAvailability.objects.get(profile=self.profile).usual_reply_days, 1)
        self.assertContains(self.client.get(self.profile.url), "Usually replies within 1 day")

    def test_sent_page_and_email_say_what_to_expect_and_suggest_others_nearby(self):
        cache.clear()
        response = self.client.post(
            self.profile.url,
            {"name": "Robin", "email": "robin@example.com", "message": "Hello", "consent": "on"},
        )
        page = self.client.get(response["Location"])
        self.assertContains(page, "Therapists here are asked to reply within 3 working days")
        self.assertContains(page, "Fern Fairweather")  # nearby and accepting
        (confirmation,) = [m for m in mail.outbox if m.to == ["robin@example.com"]]
        self.assertIn("Fern Fairweather", confirmation.body)
        self.assertNotIn("Hello", confirmation.body)  # nothing the visitor wrote
        self.assertEqual(self.client.get("/directory/message-sent/999999/").status_code, 404)


class TestEditorKeepsTheBookkeeping(ListingTestCase):
    def test_saving_the_profile_in_the_editor_keeps_reply_time_and_reminder(self):
        ProfileAvailability.objects.filter(profile=self.profile).update(
            usual_reply_days=2, reminder_nonce="abc", license_recheck_asked_on=days_ago(3)
        )
        self.profile.pending_availability = ProfileAvailability(
            accepting_new_clients=True, confirmed_on=timezone.localdate()
        )
        save_pending_availability(self.profile)
        stored = ProfileAvailability.objects.get(profile=self.profile)
        self.assertEqual(stored.confirmed_on, timezone.localdate())
        self.assertEqual(
            (stored.usual_reply_days, stored.reminder_nonce, stored.license_recheck_asked_on),
            (2, "abc", days_ago(3)),
        )
