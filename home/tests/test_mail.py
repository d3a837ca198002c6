"""Email off the request (home/mail.py): queued, written and sent by the task worker, retried
with growing delays, then listed for staff who can send it again."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from home import mail as outbox
from home.models import OutgoingEmail
from therapists.models import ContactMessage
from therapists.tests.fixtures import directory_page, make_profile

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
FAILING_EMAIL = "home.tests.test_mail.FailingBackend"
LOCMEM_EMAIL = "django.core.mail.backends.locmem.EmailBackend"
THERAPIST = "owner@therapists.example"
CONTACT = {
    "name": "Robin Reader",
    "email": "robin@example.com",
    "message": "Do you have evening appointments?",
    "consent": "on",
}


class FailingBackend:
    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("SMTP server unreachable")


@outbox.email_builder("A test email")
def greeting(name, to):
    return EmailMessage(subject=f"Hello {name}", body="Hi", to=[to])


@outbox.email_builder("Nothing to say")
def nothing(to):
    return None


def not_a_builder(to):
    return EmailMessage(subject="Not allowed", body="", to=[to])


def run_worker():
    # The worker checks its database connection between tasks; inside a test's transaction
    # that would close it, so that check is left out here.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)


def make_due():
    """Skip the wait before the next attempt (the worker only takes tasks that are due)."""
    DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now())


@pytest.fixture
def profile(db):
    owner = get_user_model().objects.create_user("owner", "owner@therapists.example")
    cache.clear()  # the contact form's rate limit counts in the cache
    return make_profile(
        directory_page(), "Mira Mossgiel", [("Portland", "OR", "97214")], owner=owner
    )


def test_the_wait_grows_between_attempts():
    delays = [outbox.retry_delay(attempt) for attempt in range(1, outbox.MAX_ATTEMPTS)]
    assert delays == [timedelta(minutes=minutes) for minutes in (1, 4, 16, 64)]


@pytest.mark.django_db
class TestImmediately:
    """`make run` and the tests run tasks at once: sent before the answer, or failed at once
    (that backend cannot wait for a retry)."""

    def test_sent_and_forgotten(self):
        outbox.send_later(greeting, "Ana", "ana@example.com", recipient="ana@example.com")
        (message,) = mail.outbox
        assert (message.subject, message.to) == ("Hello Ana", ["ana@example.com"])
        assert not OutgoingEmail.objects.exists()

    def test_nothing_left_to_send_sends_nothing(self):
        outbox.send_later(nothing, "ana@example.com", recipient="ana@example.com")
        assert mail.outbox == []
        assert not OutgoingEmail.objects.exists()

    @override_settings(EMAIL_BACKEND=FAILING_EMAIL)
    def test_a_failure_is_recorded_for_staff(self):
        outbox.send_later(greeting, "Ana", "ana@example.com", recipient="ana@example.com")
        email = OutgoingEmail.objects.get()
        assert (email.status, email.attempts, email.kind) == ("failed", 1, "A test email")
        assert email.last_error == "OSError: SMTP server unreachable"

    def test_only_marked_functions_write_emails(self):
        with pytest.raises(ValueError):
            outbox.send_later(not_a_builder, "ana@example.com", recipient="ana@example.com")
        # Nor does a row naming one run it, whatever it says.
        email = OutgoingEmail.objects.create(
            kind="Forged",
            builder="home.tests.test_mail.not_a_builder",
            arguments=["ana@example.com"],
            recipient="ana@example.com",
        )
        outbox.send_outgoing_email.enqueue(email.pk)
        assert mail.outbox == []
        email.refresh_from_db()
        assert email.status == "failed"
        assert "not an email builder" in email.last_error

    def test_a_broken_queue_is_listed_too(self):
        with mock.patch.object(
            outbox.send_outgoing_email.__class__, "enqueue", side_effect=OSError("queue down")
        ):
            outbox.send_later(greeting, "Ana", "ana@example.com", recipient="ana@example.com")
        email = OutgoingEmail.objects.get()
        assert email.status == "failed"
        assert "Could not queue: OSError: queue down" in email.last_error


@pytest.mark.django_db
class TestWithTheWorker:
    """Production's database backend and `manage.py db_worker`."""

    @pytest.fixture(autouse=True)
    def database_tasks(self, settings):
        settings.TASKS = DATABASE_TASKS

    @staticmethod
    def to_therapist():
        # The sender also gets a confirmation (what to expect): this is the therapist's email.
        return OutgoingEmail.objects.get(recipient=THERAPIST)

    def test_the_form_answers_before_the_email_is_written(self, client, profile):
        response = client.post(profile.url, CONTACT, REMOTE_ADDR="10.1.2.3")
        assert response.status_code == 302
        assert mail.outbox == []
        assert not ContactMessage.objects.get().email_sent
        assert self.to_therapist().status == "pending"
        run_worker()
        (message,) = [m for m in mail.outbox if m.to == [THERAPIST]]
        assert message.reply_to == ["robin@example.com"]
        assert [m.to for m in mail.outbox if m is not message] == [["robin@example.com"]]
        assert ContactMessage.objects.get().email_sent
        assert not OutgoingEmail.objects.exists()

    def test_a_failing_send_is_retried_then_shown_to_staff_who_send_it_again(
        self, client, profile, admin_client
    ):
        with override_settings(EMAIL_BACKEND=FAILING_EMAIL):
            response = client.post(profile.url, CONTACT, REMOTE_ADDR="10.1.2.3")
            assert response.status_code == 302
            client.get(response["Location"])  # the visitor is told it was sent
            started = timezone.now()
            run_worker()
            email = self.to_therapist()
            assert (email.status, email.attempts) == ("pending", 1)
            assert email.next_attempt_at >= started + timedelta(minutes=1)
            run_worker()  # not due yet: nothing happens
            assert self.to_therapist().attempts == 1
            for _ in range(outbox.MAX_ATTEMPTS - 1):
                make_due()
                run_worker()
        email = self.to_therapist()
        assert (email.status, email.attempts) == ("failed", outbox.MAX_ATTEMPTS)
        assert email.last_error == "OSError: SMTP server unreachable"
        assert not ContactMessage.objects.get().email_sent
        assert not DBTaskResult.objects.filter(status="READY").exists()  # no more attempts

        listing = admin_client.get("/admin/home/outgoingemail/")
        page = listing.content.decode()
        assert "Contact message to a therapist" in page
        assert "owner@therapists.example" in page
        assert "SMTP server unreachable" in page
        retry_url = f"/admin/home/outgoingemail/{email.pk}/retry/"
        assert retry_url in page
        assert admin_client.get(retry_url).status_code == 200
        assert admin_client.post(retry_url).status_code == 302
        run_worker()
        (message,) = mail.outbox
        assert message.to == [THERAPIST]
        assert ContactMessage.objects.get().email_sent
        assert not OutgoingEmail.objects.filter(recipient=THERAPIST).exists()


@pytest.mark.django_db
class TestStaff:
    def failed(self):
        return OutgoingEmail.objects.create(
            kind="A test email",
            builder="home.tests.test_mail.greeting",
            arguments=["Ana", "ana@example.com"],
            recipient="ana@example.com",
            status="failed",
            attempts=5,
            last_error="OSError: SMTP down",
        )

    def test_editors_see_failed_emails_and_send_them_again(self, client, django_user_model):
        email = self.failed()
        editor = django_user_model.objects.create_user("eddie", "eddie@example.com", "pw")
        editor.groups.add(Group.objects.get(name="Editors"))
        client.force_login(editor)
        assert "ana@example.com" in client.get("/admin/home/outgoingemail/").content.decode()
        client.post(f"/admin/home/outgoingemail/{email.pk}/retry/")
        (message,) = mail.outbox
        assert message.subject == "Hello Ana"
        assert not OutgoingEmail.objects.exists()

    def test_the_dashboard_says_when_emails_failed(self, admin_client):
        assert "could not be sent" not in admin_client.get("/admin/").content.decode()
        self.failed()
        page = admin_client.get("/admin/").content.decode()
        assert "Emails that could not be sent" in page
        assert "1 email failed after every retry" in page
        assert "/admin/home/outgoingemail/?status__exact=failed" in page

    def test_others_do_not(self, client, django_user_model):
        email = self.failed()
        writer = django_user_model.objects.create_user("wendy", "wendy@example.com", "pw")
        writer.groups.add(Group.objects.get(name="Writers"))
        client.force_login(writer)
        assert "ana@example.com" not in client.get("/admin/home/outgoingemail/").content.decode()
        client.post(f"/admin/home/outgoingemail/{email.pk}/retry/")
        assert mail.outbox == []
        assert OutgoingEmail.objects.get().status == "failed"

    def test_an_email_still_in_the_works_is_not_sent_again(self, admin_client):
        email = self.failed()
        soon = timezone.now() + timedelta(minutes=4)
        OutgoingEmail.objects.filter(pk=email.pk).update(status="pending", next_attempt_at=soon)
        assert (
            f"{email.pk}/retry/"
            not in admin_client.get("/admin/home/outgoingemail/").content.decode()
        )
        admin_client.post(f"/admin/home/outgoingemail/{email.pk}/retry/")
        assert mail.outbox == []

    def test_a_stuck_one_is(self, admin_client):
        # Its attempt was due an hour ago: the worker lost the task (killed mid-send, say).
        email = self.failed()
        long_ago = timezone.now() - timedelta(hours=1)
        OutgoingEmail.objects.filter(pk=email.pk).update(status="pending", next_attempt_at=long_ago)
        confirm = admin_client.get(f"/admin/home/outgoingemail/{email.pk}/retry/")
        assert "should have been tried again by now" in confirm.content.decode()
        admin_client.post(f"/admin/home/outgoingemail/{email.pk}/retry/")
        assert [message.subject for message in mail.outbox] == ["Hello Ana"]
