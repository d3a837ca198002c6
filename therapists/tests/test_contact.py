"""The contact form on profiles: stored, emailed with Reply-To, rate limited, honeypot."""

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.test import TestCase

from therapists.models import ContactMessage
from therapists.tests.fixtures import directory_page, make_profile

GOOD = {
    "name": "Robin Reader",
    "email": "robin@example.com",
    "phone": "503-555-0199",
    "message": "Hello, do you have evening appointments?",
    "consent": "on",
    "website": "",
}


class TestContactForm(TestCase):
    @classmethod
    def setUpTestData(cls):
        owner = get_user_model().objects.create_user("owner", "owner@therapists.example")
        cls.profile = make_profile(
            directory_page(), "Mira Mossgiel", [("Portland", "OR", "97214")], owner=owner
        )

    def setUp(self):
        cache.clear()  # the rate limit counts in the cache

    def post(self, **changes):
        return self.client.post(self.profile.url, {**GOOD, **changes}, REMOTE_ADDR="10.1.2.3")

    def test_message_is_stored_emailed_with_reply_to_and_confirmed(self):
        response = self.post()
        sent_page = f"/directory/message-sent/{self.profile.pk}/"
        self.assertRedirects(response, sent_page, fetch_redirect_response=False)
        message = ContactMessage.objects.get()
        self.assertEqual(message.profile.pk, self.profile.pk)
        self.assertEqual(
            (message.name, message.email, message.phone),
            ("Robin Reader", "robin@example.com", "503-555-0199"),
        )
        self.assertTrue(message.consent)
        self.assertTrue(message.email_sent)
        self.assertIsNone(message.read_at)
        self.assertIsNotNone(message.created_at)

        # To the therapist, and a confirmation to the sender (nobody is subscribed).
        recipients = [m.to for m in mail.outbox]
        self.assertEqual(recipients, [["owner@therapists.example"], [GOOD["email"]]])
        email = mail.outbox[0]
        self.assertEqual(email.to, ["owner@therapists.example"])
        self.assertEqual(email.reply_to, ["robin@example.com"])
        self.assertIn("Robin Reader", email.subject)
        self.assertIn("do you have evening appointments?", email.body)

        page = self.client.get(sent_page).content.decode()
        self.assertIn("Your message was sent to Mira Mossgiel", page)
        self.assertIn("asked to reply within 3 working days", page)
        self.assertNotIn("robin@example.com", page)
        self.assertNotIn("evening appointments", page)

    def test_private_contact_email_wins_over_the_owner(self):
        self.profile.contact_email = "inbox@therapists.example"
        self.profile.save_revision().publish()
        self.post()
        self.assertEqual(mail.outbox[0].to, ["inbox@therapists.example"])

    def test_errors_keep_what_was_typed(self):
        response = self.post(email="not-an-email", consent="")
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn("Enter a valid email address.", html)
        self.assertIn("Tick the box so we can pass your message", html)
        self.assertIn("Hello, do you have evening appointments?", html)
        self.assertFalse(ContactMessage.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_form_labels_like_the_others_and_no_maxlength_on_the_message(self):
        page = self.client.get(self.profile.url).content.decode()
        form = BeautifulSoup(page, "html.parser").find("form", class_="contact-form")
        labels = {
            label["for"]: " ".join(label.get_text().split()) for label in form.find_all("label")
        }
        self.assertEqual(labels["id_name"], "Your name *")
        self.assertEqual(labels["id_phone"], "Your phone (optional)")
        self.assertFalse([text for text in labels.values() if text.rstrip(" *").endswith(":")])
        message = form.find("textarea", attrs={"name": "message"})
        self.assertFalse(message.has_attr("maxlength"))
        self.assertEqual(message["data-max-length"], "3000")

    def test_bad_phone_and_overlong_message(self):
        response = self.post(phone="12", message="x" * 3001)
        self.assertEqual(response.status_code, 400)
        html = response.content.decode()
        self.assertIn("Enter a valid phone number", html)
        self.assertIn("at most 3000 characters", html)

    def test_newlines_in_the_name_do_not_break_the_subject(self):
        self.post(name="Robin\nBcc: victim@example.com")
        self.assertEqual(len(mail.outbox), 2)  # the therapist's and the sender's confirmation
        self.assertNotIn("\n", mail.outbox[0].subject)
        self.assertEqual(mail.outbox[0].bcc, [])

    def test_honeypot_refuses_the_message(self):
        # One honeypot for every public form (home/spam.py): refused with a reason, never
        # dropped silently, so a person whose browser filled the field knows to send it again.
        response = self.post(website="http://spam.example")
        self.assertEqual(response.status_code, 400)
        self.assertIn("a hidden field was filled in", response.content.decode())
        self.assertFalse(ContactMessage.objects.exists())
        self.assertEqual(mail.outbox, [])

    def test_rate_limited_per_address(self):
        for _ in range(5):
            self.assertEqual(self.post().status_code, 302)
        response = self.post()
        self.assertEqual(response.status_code, 429)
        self.assertIn("You have sent several messages in a short time", response.content.decode())
        self.assertEqual(ContactMessage.objects.count(), 5)
        other = self.client.post(self.profile.url, GOOD, REMOTE_ADDR="10.9.9.9")
        self.assertEqual(other.status_code, 302)

    def test_profile_without_an_address_takes_no_messages(self):
        quiet = make_profile(directory_page(), "Quiet Quill", [("Portland", "OR", "97214")])
        html = self.client.get(quiet.url).content.decode()
        self.assertIn("does not take messages through the site yet", html)
        self.assertNotIn('class="contact-form"', html)
        response = self.client.post(quiet.url, GOOD)
        self.assertEqual(response.status_code, 302)
        self.assertFalse(ContactMessage.objects.exists())

    def test_email_failure_keeps_the_message(self):
        with self.settings(EMAIL_BACKEND="therapists.tests.test_contact.FailingBackend"):
            response = self.post()
        self.assertEqual(response.status_code, 302)
        self.assertFalse(ContactMessage.objects.get().email_sent)


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP server unreachable")


class TestContactMessagesAdmin(TestCase):
    @classmethod
    def setUpTestData(cls):
        owner = get_user_model().objects.create_user("owner", "owner@therapists.example")
        profile = make_profile(
            directory_page(), "Mira Mossgiel", [("Portland", "OR", "97214")], owner=owner
        )
        cls.message = ContactMessage.objects.create(
            profile=profile,
            name="Robin Reader",
            email="robin@example.com",
            message="Hi",
            consent=True,
        )
        cls.admin = get_user_model().objects.create_superuser("boss", "boss@example.com", "pw")

    def test_staff_list_and_read_messages_but_cannot_create_them(self):
        self.client.force_login(self.admin)
        listing = self.client.get("/admin/therapists/contactmessage/")
        self.assertContains(listing, "Robin Reader")
        inspect = self.client.get(f"/admin/therapists/contactmessage/inspect/{self.message.pk}/")
        self.assertContains(inspect, "robin@example.com")
        self.assertNotContains(listing, "/admin/therapists/contactmessage/create/")
        create = self.client.get("/admin/therapists/contactmessage/create/")
        self.assertIn(create.status_code, (302, 403))  # Wagtail redirects with "permission denied"
        self.assertNotContains(create, 'name="message"', status_code=create.status_code)

    def test_anonymous_visitors_cannot(self):
        response = self.client.get("/admin/therapists/contactmessage/")
        self.assertEqual(response.status_code, 302)
