"""The newsletter: double opt-in sign-up, confirmation and unsubscribe links, the admin, and the
weekly `send_newsletter` command."""

import csv
import io
import re
import time
from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from articles import newsletter
from articles.models import NewsletterDelivery, NewsletterIssue, Subscriber
from articles.views import SIGNUP_RATE
from home import mail as outbox
from home.models import OutgoingEmail

from .utils import make_article, make_author, make_index, reply_data, soup

pytestmark = pytest.mark.django_db
SIGNUP = "/newsletter/"
CHECK_EMAIL = "/newsletter/check-your-email/"


def refusing(address, error):
    """The test mailbox refusing one address, as a mail server would."""
    real_send = mail.get_connection().__class__.send_messages

    def send(self, messages):
        if messages[0].to == [address]:
            raise OSError(error)
        return real_send(self, messages)

    return mock.patch("django.core.mail.backends.locmem.EmailBackend.send_messages", send)


def sign_up(client, email="reader@example.com", **extra):
    data = {"email": email, "consent": "on", "leave_empty": ""}
    data.update(extra)
    return client.post(SIGNUP, data)


def link_in(email, kind):
    """The path of the first /newsletter/<kind>/ link in an email's plain-text part."""
    match = re.search(rf"http://testserver(/newsletter/{kind}/[^\s/]+/)", email.body)
    assert match, email.body
    return match.group(1)


def subscribe(client, email="reader@example.com"):
    """Sign up and confirm, as a reader would; returns the subscriber."""
    mail.outbox.clear()
    sign_up(client, email)
    client.post(link_in(mail.outbox[-1], "confirm"))
    mail.outbox.clear()
    return Subscriber.objects.get(email=email)


class TestSignUp:
    def test_page_has_the_form_with_an_unticked_consent_box(self, client):
        response = client.get(SIGNUP)
        assert response.status_code == 200
        page = soup(response)
        assert page.find("h1").get_text() == "Sign up for our newsletter"
        form = page.find("form", class_="newsletter-form")
        assert form["action"] == SIGNUP
        assert form.find("input", attrs={"name": "email", "type": "email"}) is not None
        consent = form.find("input", attrs={"name": "consent"})
        assert consent["type"] == "checkbox" and not consent.has_attr("checked")
        assert page.find("link", rel="canonical")["href"] == "http://testserver/newsletter/"
        # The footer does not repeat the form on the newsletter's own page.
        assert page.find(class_="newsletter-signup") is None

    # The home page has the form in a section of its own rather than in the footer.
    @pytest.mark.parametrize(
        "path, place", [("/", "main"), ("/articles/", "footer"), ("/no-such-page/", "footer")]
    )
    def test_footer_form_on_every_page(self, client, path, place):
        make_index()
        page = soup(client.get(path))
        footer_form = page.find(place).find("form", class_="newsletter-signup__form")
        assert footer_form["action"] == SIGNUP and footer_form["method"] == "post"
        assert footer_form.find("input", attrs={"name": "email"})["type"] == "email"
        consent = footer_form.find("input", attrs={"name": "consent"})
        assert consent["type"] == "checkbox" and not consent.has_attr("checked")
        label = footer_form.find("label", attrs={"for": consent["id"]}).get_text()
        assert "weekly newsletter" in label

    def test_sign_up_sends_a_confirmation_and_subscribes_nobody_yet(self, client):
        response = sign_up(client, "Reader@Example.COM ")
        assert (response.status_code, response["Location"]) == (302, CHECK_EMAIL)
        subscriber = Subscriber.objects.get()
        assert subscriber.email == "reader@example.com"
        assert subscriber.status == Subscriber.Status.PENDING
        assert subscriber.consented_at is not None
        [email] = mail.outbox
        assert email.to == ["reader@example.com"]
        assert email.subject == "Confirm your subscription to the MindWell newsletter"
        assert link_in(email, "confirm").startswith("/newsletter/confirm/")
        html, mimetype = email.alternatives[0]
        assert mimetype == "text/html" and "Confirm subscription" in html
        unsubscribe = f"http://testserver/newsletter/unsubscribe/{subscriber.token}/"
        assert email.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
        assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        page = client.get(CHECK_EMAIL)
        assert "Check your inbox" in page.content.decode()

    @pytest.mark.parametrize(
        "data, field, message",
        [
            ({"email": "reader@example.com"}, "consent", "Tick the box"),
            ({"email": "", "consent": "on"}, "email", "Enter your email address."),
            ({"email": "not an email", "consent": "on"}, "email", "Enter a valid email"),
            ({"email": "x" * 250 + "@example.com", "consent": "on"}, "email", "at most 254"),
        ],
    )
    def test_bad_input_re_renders_the_form(self, client, data, field, message):
        response = client.post(SIGNUP, data)
        assert response.status_code == 400
        form = soup(response).find("form", class_="newsletter-form")
        assert message in form.find(id=f"id_{field}_error").get_text()
        if data["email"]:
            assert form.find(id="id_email")["value"] == data["email"]
        assert Subscriber.objects.count() == 0 and mail.outbox == []

    def test_honeypot(self, client):
        response = sign_up(client, leave_empty="bot")
        assert response.status_code == 400
        assert "hidden field was filled in" in response.content.decode()
        assert Subscriber.objects.count() == 0 and mail.outbox == []

    def test_same_answer_for_a_confirmed_address_and_no_email(self, client):
        subscribe(client)
        response = sign_up(client)
        assert (response.status_code, response["Location"]) == (302, CHECK_EMAIL)
        assert mail.outbox == []
        assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED

    def test_a_pending_address_is_not_flooded(self, client):
        sign_up(client)
        first_link = link_in(mail.outbox[0], "confirm")
        for _ in range(3):
            assert sign_up(client, REMOTE_ADDR="198.51.100.1")["Location"] == CHECK_EMAIL
        assert len(mail.outbox) == 1
        # Later, a new request sends a fresh link and the older one stops working.
        Subscriber.objects.update(confirmation_sent_at=timezone.now() - timedelta(minutes=20))
        sign_up(client, REMOTE_ADDR="198.51.100.2")
        assert len(mail.outbox) == 2
        assert client.get(first_link).status_code == 404
        assert client.get(link_in(mail.outbox[1], "confirm")).status_code == 200

    def test_rate_limit_per_client(self, client):
        limit = int(SIGNUP_RATE.split("/")[0])
        for number in range(limit):
            assert sign_up(client, f"r{number}@example.com").status_code == 302
        response = sign_up(client, "one.more@example.com")
        assert response.status_code == 429
        assert "several sign-ups from your connection" in response.content.decode()
        assert soup(response).find(id="id_email")["value"] == "one.more@example.com"
        assert not Subscriber.objects.filter(email="one.more@example.com").exists()

    def test_mail_failure_never_reaches_the_reader_who_can_retry(self, client):
        # The answer does not wait for the mail server (home/mail.py); a send that fails for
        # good is listed for staff and the reader may sign up again at once.
        with mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=OSError("SMTP down"),
        ):
            response = sign_up(client)
        assert response.status_code == 302
        assert response["Location"] == "/newsletter/check-your-email/"
        failed = OutgoingEmail.objects.get()
        assert (failed.kind, failed.status) == ("Newsletter confirmation", "failed")
        assert "SMTP down" in failed.last_error
        assert Subscriber.objects.get().confirmation_sent_at is None
        assert sign_up(client).status_code == 302
        assert len(mail.outbox) == 1

    def test_nothing_else_subscribes_anyone(self, client):
        index = make_index()
        article = make_article(index, "Panic", slug="panic")
        client.post(article.url, reply_data(article, email="commenter@example.com"))
        assert not Subscriber.objects.exists()

    def test_only_get_and_post(self, client):
        assert client.put(SIGNUP).status_code == 405


class TestConfirm:
    def test_the_link_asks_for_a_click_then_confirms(self, client):
        sign_up(client)
        link = link_in(mail.outbox[0], "confirm")
        page = client.get(link)
        assert page.status_code == 200
        assert "reader@example.com" in page.content.decode()
        assert soup(page).find("button", string="Confirm subscription") is not None
        # Opening the link (as mail scanners do) confirms nothing.
        assert Subscriber.objects.get().status == Subscriber.Status.PENDING

        response = client.post(link)
        assert response.status_code == 200
        assert "You are subscribed" in response.content.decode()
        subscriber = Subscriber.objects.get()
        assert subscriber.status == Subscriber.Status.CONFIRMED
        assert subscriber.confirmed_at is not None
        again = client.get(link)
        assert "already confirmed" in again.content.decode()

    @pytest.mark.parametrize(
        "token", ["forged", "eyJzIjoxLCJuIjoieCJ9:1abc:forgedsig", "x" * 500, "%00"]
    )
    def test_forged_link_is_a_clear_404(self, client, token):
        sign_up(client)
        response = client.get(f"/newsletter/confirm/{token}/")
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
        assert client.post(f"/newsletter/confirm/{token}/").status_code == 404
        assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    def test_expired_link_is_a_410_offering_a_fresh_one(self, client):
        sign_up(client)
        subscriber = Subscriber.objects.get()
        with mock.patch("django.core.signing.time.time", return_value=time.time() - 4 * 86400):
            old_token = newsletter.confirmation_token(subscriber)
        response = client.post(f"/newsletter/confirm/{old_token}/")
        assert response.status_code == 410
        assert "This confirmation link has expired" in response.content.decode()
        assert soup(response).find(id="id_email")["value"] == "reader@example.com"
        assert Subscriber.objects.get().status == Subscriber.Status.PENDING

    def test_link_of_an_address_that_unsubscribed_since_does_not_resubscribe(self, client):
        sign_up(client)
        link = link_in(mail.outbox[0], "confirm")
        client.post(f"/newsletter/unsubscribe/{Subscriber.objects.get().token}/")
        assert client.post(link).status_code == 404
        assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


class TestUnsubscribe:
    def test_link_shows_a_button_then_unsubscribes(self, client):
        subscriber = subscribe(client)
        url = f"/newsletter/unsubscribe/{subscriber.token}/"
        page = client.get(url)
        assert page.status_code == 200
        assert soup(page).find("button", string="Unsubscribe") is not None
        assert Subscriber.objects.get().status == Subscriber.Status.CONFIRMED
        response = client.post(url)
        assert response.status_code == 200
        assert "You are unsubscribed" in response.content.decode()
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.UNSUBSCRIBED
        assert subscriber.unsubscribed_at is not None
        assert "is not on our list" in client.get(url).content.decode()

    def test_one_click_post_without_csrf_token(self):
        subscriber = Subscriber.objects.create(
            email="reader@example.com", status=Subscriber.Status.CONFIRMED
        )
        mail_client = Client(enforce_csrf_checks=True)
        response = mail_client.post(
            f"/newsletter/unsubscribe/{subscriber.token}/",
            data="List-Unsubscribe=One-Click",
            content_type="application/x-www-form-urlencoded",
        )
        assert response.status_code == 200
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.UNSUBSCRIBED

    @pytest.mark.parametrize("token", ["unknown", "x" * 300])
    def test_unknown_link_is_a_clear_404(self, client, token):
        response = client.post(f"/newsletter/unsubscribe/{token}/")
        assert response.status_code == 404
        assert "We could not find the subscription" in response.content.decode()

    def test_resubscribing_works(self, client):
        subscriber = subscribe(client)
        client.post(f"/newsletter/unsubscribe/{subscriber.token}/")
        sign_up(client)
        assert Subscriber.objects.get().status == Subscriber.Status.PENDING
        client.post(link_in(mail.outbox[-1], "confirm"))
        subscriber.refresh_from_db()
        assert subscriber.status == Subscriber.Status.CONFIRMED
        assert subscriber.unsubscribed_at is None


@pytest.fixture
def publishing():
    """An index and an author; `publish(title, days_ago)` makes a live article published then."""
    index = make_index()
    author = make_author("Maya Okafor")

    def publish(title, days_ago=1):
        article = make_article(index, title, authors=[author])
        first = timezone.now() - timedelta(days=days_ago)
        type(article).objects.filter(pk=article.pk).update(first_published_at=first)
        article.refresh_from_db()
        return article

    return publish


def run_send(*args):
    out, err = io.StringIO(), io.StringIO()
    call_command("send_newsletter", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def confirmed(*emails):
    return [
        Subscriber.objects.create(email=email, status=Subscriber.Status.CONFIRMED)
        for email in emails
    ]


class TestSendNewsletter:
    def test_digest_goes_to_confirmed_subscribers_only(self, publishing):
        publishing("Worry time", days_ago=2)
        publishing("Sleep and mood", days_ago=1)
        publishing("Last month", days_ago=30)
        ana, ben = confirmed("ana@example.com", "ben@example.com")
        Subscriber.objects.create(email="pending@example.com")
        Subscriber.objects.create(email="gone@example.com", status="unsubscribed")

        out, err = run_send()
        assert "New issue: MindWell weekly: 2 new articles" in out
        assert "Sent to 2 subscribers." in out
        assert "Sending" in err and "2/2" in err  # the progress bar
        assert sorted(email.to[0] for email in mail.outbox) == [
            "ana@example.com",
            "ben@example.com",
        ]
        email = next(email for email in mail.outbox if email.to == ["ana@example.com"])
        assert email.subject == "MindWell weekly: 2 new articles"
        assert email.body.index("Sleep and mood") < email.body.index("Worry time")
        assert "Last month" not in email.body
        assert "http://testserver/articles/" in email.body
        html, mimetype = email.alternatives[0]
        assert mimetype == "text/html"
        assert "Sleep and mood" in html and "Worry time" in html
        unsubscribe = f"http://testserver/newsletter/unsubscribe/{ana.token}/"
        assert unsubscribe in email.body and unsubscribe in html
        assert email.extra_headers["List-Unsubscribe"] == f"<{unsubscribe}>"
        assert email.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

        issue = NewsletterIssue.objects.get()
        assert issue.completed_at is not None
        assert sorted(issue.articles.values_list("title", flat=True)) == [
            "Sleep and mood",
            "Worry time",
        ]
        assert set(issue.deliveries.filter(status="sent").values_list("subscriber", flat=True)) == {
            ana.pk,
            ben.pk,
        }

    def test_re_running_sends_nothing_twice(self, publishing):
        publishing("Worry time")
        confirmed("ana@example.com")
        run_send()
        mail.outbox.clear()
        out, _ = run_send()
        assert out.startswith("Nothing new to send: no articles published since the last issue")
        assert mail.outbox == []
        assert NewsletterIssue.objects.count() == 1
        # The next issue carries only what was published after the last one.
        publishing("Brand new", days_ago=0)
        run_send()
        [email] = mail.outbox
        assert "Brand new" in email.body and "Worry time" not in email.body

    def test_nothing_new(self, publishing):
        publishing("Old news", days_ago=30)
        confirmed("ana@example.com")
        out, _ = run_send()
        assert out.strip() == "Nothing new to send: no articles published in the past 7 days."
        assert mail.outbox == [] and not NewsletterIssue.objects.exists()

    def test_a_crash_midway_is_resumed_without_double_sending(self, publishing):
        publishing("Worry time")
        confirmed(*(f"reader{n}@example.com" for n in range(5)))
        real_send = mail.get_connection().__class__.send_messages
        calls = {"count": 0}

        def crash_on_third(self, messages):
            calls["count"] += 1
            if calls["count"] == 3:
                raise KeyboardInterrupt  # the process dies mid-send
            return real_send(self, messages)

        with mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages", crash_on_third
        ):
            with pytest.raises(KeyboardInterrupt):
                run_send()
        assert len(mail.outbox) == 2
        issue = NewsletterIssue.objects.get()
        assert issue.completed_at is None

        out, _ = run_send()
        assert "Resuming issue" in out
        recipients = [email.to[0] for email in mail.outbox]
        assert len(recipients) == len(set(recipients)) == 4
        # The one whose send was cut off is left alone rather than risk a second copy.
        assert issue.deliveries.filter(status="sending").count() == 1
        issue.refresh_from_db()
        assert issue.completed_at is not None

    def test_one_failing_address_does_not_stop_the_rest(self, publishing):
        publishing("Worry time")
        confirmed("ana@example.com", "bad@example.com", "cy@example.com")
        with refusing("bad@example.com", "550 mailbox unavailable"):
            out, _ = run_send()
        assert "Sent to 2 subscribers. 1 failed" in out
        failed = NewsletterDelivery.objects.get(status="failed")
        assert failed.subscriber.email == "bad@example.com"
        assert "550 mailbox unavailable" in failed.error
        assert NewsletterIssue.objects.get().completed_at is not None

    def test_a_failed_address_is_sent_again_through_the_outbox(self, publishing):
        publishing("Worry time")
        confirmed("ana@example.com", "bad@example.com")
        with refusing("bad@example.com", "452 mailbox full"):
            run_send()
        # The tests' immediate backend tries again at once (production's worker waits), then
        # the outbox lists it for staff.
        retry = OutgoingEmail.objects.get()
        assert (retry.kind, retry.recipient, retry.status) == (
            "Newsletter issue, sent again",
            "bad@example.com",
            "failed",
        )
        assert "452 mailbox full" in retry.last_error
        mail.outbox.clear()
        outbox.retry(retry)  # staff's "Send again", the mailbox emptied meanwhile
        (email,) = mail.outbox
        assert email.to == ["bad@example.com"] and "Worry time" in email.body
        assert email.extra_headers["List-Unsubscribe"].startswith("<http://testserver/newsletter/")
        delivery = NewsletterDelivery.objects.get(subscriber__email="bad@example.com")
        assert (delivery.status, delivery.error) == ("sent", "")
        assert not OutgoingEmail.objects.exists()

    def test_no_second_try_for_a_reader_who_left(self, publishing):
        publishing("Worry time")
        confirmed("bad@example.com")
        with mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=OSError("451 try later"),
        ):
            run_send()
        Subscriber.objects.update(status=Subscriber.Status.UNSUBSCRIBED)
        outbox.retry(OutgoingEmail.objects.get())
        assert mail.outbox == []
        assert not OutgoingEmail.objects.exists()

    def test_dry_run_sends_and_records_nothing(self, publishing):
        publishing("Worry time")
        confirmed("ana@example.com", "ben@example.com")
        out, _ = run_send("--dry-run")
        assert "Worry time" in out
        assert "Dry run: would send to 2 subscribers." in out
        assert mail.outbox == [] and not NewsletterIssue.objects.exists()

    def test_a_delivery_claimed_by_another_run_is_skipped(self, publishing):
        article = publishing("Worry time")
        [ana] = confirmed("ana@example.com")
        issue, articles, _ = newsletter.prepare_issue()
        newsletter.create_issue(issue, articles)
        NewsletterDelivery.objects.create(issue=issue, subscriber=ana)
        items = newsletter.digest_items([article])
        status = newsletter.deliver(issue, items, ana, mail.get_connection())
        assert status is None and mail.outbox == []

    def test_unsubscribed_people_get_nothing(self, client, publishing):
        publishing("Worry time")
        subscriber = subscribe(client, "ana@example.com")
        client.post(f"/newsletter/unsubscribe/{subscriber.token}/")
        run_send()
        assert mail.outbox == []


class TestSubscriberAdmin:
    @pytest.fixture
    def editor(self, django_user_model):
        user = django_user_model.objects.create_user("eddie", "eddie@example.com", "pw")
        user.groups.add(Group.objects.get(name="Editors"))
        return user

    @pytest.fixture
    def subscribers(self):
        confirmed("ana@example.com", "ben@example.org")
        Subscriber.objects.create(email="pending@example.com")
        Subscriber.objects.create(email="gone@example.net", status="unsubscribed")

    def emails(self, response):
        return sorted(
            cell.select_one(".title-wrapper").get_text(strip=True)
            for cell in soup(response).select("table.listing td.field-email")
        )

    def test_filter_and_search(self, client, editor, subscribers):
        client.force_login(editor)
        url = "/admin/articles/subscriber/"
        assert len(self.emails(client.get(url))) == 4
        assert self.emails(client.get(url + "?status__exact=confirmed")) == [
            "ana@example.com",
            "ben@example.org",
        ]
        assert self.emails(client.get(url + "?q=example.net")) == ["gone@example.net"]

    def test_csv_export(self, client, editor, subscribers):
        client.force_login(editor)
        response = client.get("/admin/articles/subscriber/?export=csv&status__exact=confirmed")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/csv")
        content = b"".join(response.streaming_content).decode()
        rows = list(csv.DictReader(io.StringIO(content)))
        assert sorted(row["Email"] for row in rows) == ["ana@example.com", "ben@example.org"]
        assert {row["Status"] for row in rows} == {"confirmed"}

    def test_moderators_do_not_see_subscribers(self, client, django_user_model, subscribers):
        moderator = django_user_model.objects.create_user("mona", "mona@example.com", "pw")
        moderator.groups.add(Group.objects.get(name="Moderators"))
        client.force_login(moderator)
        response = client.get("/admin/articles/subscriber/")
        assert response.status_code in (302, 403)

    def test_issues_list_counts_deliveries(self, client, editor, publishing):
        publishing("Worry time")
        confirmed("ana@example.com", "ben@example.org")
        run_send()
        client.force_login(editor)
        response = client.get("/admin/articles/newsletterissue/")
        assert response.status_code == 200
        row = soup(response).select_one("table.listing tbody tr")
        assert row.select_one("td.field-subject .title-wrapper").get_text(strip=True) == (
            "MindWell weekly: 1 new article"
        )
        assert row.select_one("td.field-sent").get_text(strip=True) == "2"
