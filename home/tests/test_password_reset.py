"""Password reset cannot flood an inbox, and its answers never say whether an address exists."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import TestCase

URL = "/admin/password_reset/"


class TestPasswordResetLimits(TestCase):
    @classmethod
    def setUpTestData(cls):
        get_user_model().objects.create_user("ada", "ada@example.com", "calm-river-4821")

    def setUp(self):
        cache.clear()

    def reset(self, email, client="10.0.0.1"):
        return self.client.post(URL, {"email": email}, REMOTE_ADDR=client)

    def test_a_reset_still_sends_its_email(self):
        response = self.reset("ada@example.com")
        self.assertRedirects(response, "/admin/password_reset/done/")
        self.assertEqual(len(mail.outbox), 1)
        self.assertIn("/admin/password_reset/confirm/", mail.outbox[0].body)

    def test_one_address_gets_at_most_three_emails_an_hour_from_any_clients(self):
        for number in range(3):
            self.assertEqual(self.reset("ada@example.com", f"10.0.1.{number}").status_code, 302)
        response = self.reset("ADA@example.com", "10.0.2.1")
        self.assertContains(response, "Several password resets were asked", status_code=429)
        self.assertContains(response, 'value="ADA@example.com"', status_code=429)
        self.assertEqual(len(mail.outbox), 3)

    def test_the_address_limit_is_the_same_for_unknown_addresses(self):
        answers = {}
        for email in ("ada@example.com", "nobody@example.com"):
            statuses = [self.reset(email, f"10.0.3.{n}").status_code for n in range(4)]
            answers[email] = statuses
        self.assertEqual(answers["ada@example.com"], [302, 302, 302, 429])
        self.assertEqual(answers["nobody@example.com"], answers["ada@example.com"])

    def test_one_client_gets_at_most_five_posts_an_hour(self):
        for number in range(5):
            self.assertEqual(self.reset(f"x{number}@example.com").status_code, 302)
        response = self.reset("ada@example.com")
        self.assertContains(
            response, "several password resets from your connection", status_code=429
        )
        self.assertEqual(len(mail.outbox), 0)
        # Another client is not held back.
        self.assertEqual(self.reset("ada@example.com", "10.9.9.9").status_code, 302)

    def test_an_invalid_address_is_a_form_error_not_a_500(self):
        response = self.reset("not an address")
        self.assertContains(response, "Enter a valid email address", status_code=400)
