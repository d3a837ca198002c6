"""The weekly newsletter: double opt-in sign-up, confirmation, unsubscribe, and the digest.

Sign-up never reveals whether an address is already on the list: every request gets the same
answer ("check your inbox"). A new, pending or unsubscribed address gets a confirmation email,
sent by the task worker (at most one per RESEND_INTERVAL, so the form cannot be used to flood
someone's inbox); a confirmed address gets nothing. Only confirmed addresses receive the
newsletter, and every email carries a one-click unsubscribe link and the List-Unsubscribe
headers of RFC 2369 and RFC 8058.
"""

import logging
import secrets
from datetime import timedelta

from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from home.absolute import absolute_url, page_url
from home.mail import email_builder, send_later
from home.models import SiteSettings

from .models import NewsletterDelivery, NewsletterIssue, Subscriber
from .models.article_page import listed_articles

logger = logging.getLogger(__name__)

CONFIRM_SALT = "articles.newsletter.confirm"
CONFIRM_MAX_AGE = timedelta(days=3)
RESEND_INTERVAL = timedelta(minutes=15)
# The first issue covers the week before it.
FIRST_ISSUE_PERIOD = timedelta(days=7)


class ConfirmationLinkError(Exception):
    """A confirmation link that cannot confirm anything; `expired` tells the two cases apart and
    `subscriber` is known when the link was genuine but is too old."""

    def __init__(self, expired=False, subscriber=None):
        super().__init__("expired" if expired else "invalid")
        self.expired = expired
        self.subscriber = subscriber


# Sign-up and confirmation


def request_subscription(email, now=None):
    """Record a sign-up for `email` (already normalised) and queue a confirmation if one is due
    (home/mail.py: the task worker writes and sends it).

    Returns True when a confirmation was queued, False when none was due (already confirmed,
    or one went out a moment ago). Callers answer the same either way."""
    now = now or timezone.now()
    with transaction.atomic():
        subscriber, _ = Subscriber.objects.select_for_update().get_or_create(email=email)
        if subscriber.status == Subscriber.Status.CONFIRMED:
            return False
        recently = subscriber.confirmation_sent_at and (
            now - subscriber.confirmation_sent_at < RESEND_INTERVAL
        )
        if recently and subscriber.status == Subscriber.Status.PENDING:
            return False
        subscriber.status = Subscriber.Status.PENDING
        subscriber.confirm_nonce = secrets.token_urlsafe(12)
        subscriber.consented_at = now
        subscriber.confirmation_sent_at = now
        subscriber.unsubscribed_at = None
        subscriber.save()
        send_later(
            queued_confirmation_email,
            subscriber.pk,
            subscriber.confirm_nonce,
            recipient=subscriber.email,
        )
    return True


def _confirmation_not_sent(subscriber_id, nonce):
    # Given up on: let the reader try again straight away rather than wait out the interval.
    Subscriber.objects.filter(pk=subscriber_id, confirm_nonce=nonce).update(
        confirmation_sent_at=None
    )


@email_builder("Newsletter confirmation", on_failed=_confirmation_not_sent)
def queued_confirmation_email(subscriber_id, nonce):
    """Nothing when the sign-up has moved on (confirmed, unsubscribed, or signed up again)."""
    subscriber = Subscriber.objects.filter(
        pk=subscriber_id, status=Subscriber.Status.PENDING, confirm_nonce=nonce
    ).first()
    return confirmation_email(subscriber) if subscriber else None


def confirmation_token(subscriber):
    return signing.dumps(
        {"s": subscriber.pk, "n": subscriber.confirm_nonce}, salt=CONFIRM_SALT, compress=True
    )


def subscriber_for_confirmation(token):
    """The subscriber a confirmation link names. Raises ConfirmationLinkError for a forged,
    superseded or expired link. An already confirmed subscriber is returned as is."""
    try:
        data = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_MAX_AGE)
    except signing.SignatureExpired:
        data = _unverified_age(token)
        subscriber = Subscriber.objects.filter(pk=data.get("s")).first() if data else None
        raise ConfirmationLinkError(expired=True, subscriber=subscriber) from None
    except signing.BadSignature:
        raise ConfirmationLinkError() from None
    if not isinstance(data, dict):
        raise ConfirmationLinkError()
    subscriber = Subscriber.objects.filter(pk=data.get("s")).first()
    if subscriber is None:
        raise ConfirmationLinkError()
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return subscriber
    if subscriber.status != Subscriber.Status.PENDING or data.get("n") != subscriber.confirm_nonce:
        raise ConfirmationLinkError()  # superseded by a newer sign-up, or unsubscribed since
    return subscriber


def _unverified_age(token):
    """The payload of a genuine but expired token (its signature still checks out)."""
    try:
        return signing.loads(token, salt=CONFIRM_SALT)
    except signing.BadSignature:
        return None


def _set_status(subscriber, status, stamp_field, now=None):
    """Move a subscriber to `status`, noting when in `stamp_field`; a pending confirmation
    link stops working either way."""
    if subscriber.status != status:
        subscriber.status = status
        setattr(subscriber, stamp_field, now or timezone.now())
        subscriber.confirm_nonce = ""
        subscriber.save(update_fields=["status", stamp_field, "confirm_nonce"])
    return subscriber


def confirm(subscriber, now=None):
    return _set_status(subscriber, Subscriber.Status.CONFIRMED, "confirmed_at", now)


def unsubscribe(subscriber, now=None):
    return _set_status(subscriber, Subscriber.Status.UNSUBSCRIBED, "unsubscribed_at", now)


def unsubscribe_url(subscriber):
    return absolute_url(reverse("newsletter_unsubscribe", args=[subscriber.token]))


def _email(subscriber, subject, template, context, name=None):
    """An email with plain-text and HTML parts, an unsubscribe link in both, and the
    List-Unsubscribe headers (one-click by POST, RFC 8058)."""
    unsubscribe = unsubscribe_url(subscriber)
    context = {
        **context,
        "site_name": name or SiteSettings.name_for(),
        "site_url": absolute_url("/"),
        "unsubscribe_url": unsubscribe,
    }
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"articles/emails/{template}.txt", context),
        to=[subscriber.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string(f"articles/emails/{template}.html", context), "text/html"
    )
    return message


def confirmation_email(subscriber):
    url = absolute_url(reverse("newsletter_confirm", args=[confirmation_token(subscriber)]))
    return _email(
        subscriber,
        f"Confirm your subscription to the {SiteSettings.name_for()} newsletter",
        "newsletter-confirm",
        {"confirm_url": url, "expires_days": CONFIRM_MAX_AGE.days},
    )


# The weekly digest


def articles_since(since, until):
    """Live, public articles first published in (since, until], newest first."""
    return list(
        listed_articles().filter(first_published_at__gt=since, first_published_at__lte=until)
    )


def last_period_end():
    last = NewsletterIssue.objects.filter(completed_at__isnull=False).first()
    return last.period_end if last else None


def prepare_issue(now=None):
    """The issue to send: an interrupted one first, else a new one of the articles published
    since the last issue. Returns (issue, articles, created); (None, [], False) when there is
    nothing new. Nothing is saved until `create_issue`."""
    unfinished = NewsletterIssue.objects.filter(completed_at__isnull=True).order_by("pk").first()
    if unfinished is not None:
        articles = list(listed_articles().filter(pk__in=unfinished.articles.values("pk")))
        return unfinished, articles, False
    now = now or timezone.now()
    since = last_period_end() or now - FIRST_ISSUE_PERIOD
    articles = articles_since(since, now)
    if not articles:
        return None, [], False
    count = len(articles)
    issue = NewsletterIssue(
        subject=f"{SiteSettings.name_for()} weekly: {count} new article{'s' if count != 1 else ''}",
        period_start=since,
        period_end=now,
    )
    return issue, articles, True


def create_issue(issue, articles):
    with transaction.atomic():
        issue.save()
        issue.articles.set(articles)
    return issue


def confirmed():
    return Subscriber.objects.filter(status=Subscriber.Status.CONFIRMED).order_by("pk")


def recipients(issue):
    """Confirmed subscribers who have no delivery of this issue yet (sent, failed or begun)."""
    return confirmed().exclude(deliveries__issue=issue)


def digest_items(articles):
    """What the digest says about each article (computed once per run, not per recipient)."""
    return [
        {
            "title": article.title,
            "url": page_url(article),
            "standfirst": article.standfirst,
            "authors": ", ".join(author.name for author in article.authors.all()),
            "date": article.display_date,
        }
        for article in articles
    ]


def digest_email(issue, items, subscriber, name=None):
    context = {"issue": issue, "items": items}
    return _email(subscriber, issue.subject, "newsletter-digest", context, name=name)


def deliver(issue, items, subscriber, connection, name=None):
    """Send the issue to one subscriber, at most once: the delivery row is claimed (committed)
    before sending, so neither a re-run after a crash nor a concurrent run sends it again.
    Returns the delivery's status, or None if another run had already claimed it."""
    try:
        with transaction.atomic():
            delivery = NewsletterDelivery.objects.create(issue=issue, subscriber=subscriber)
    except IntegrityError:
        return None
    try:
        connection.send_messages([digest_email(issue, items, subscriber, name)])
    except Exception as error:  # one bad address or a dropped connection: record, go on
        logger.warning("Newsletter %s to subscriber %s failed: %s", issue.pk, subscriber.pk, error)
        delivery.status = NewsletterDelivery.Status.FAILED
        delivery.error = str(error)[:300]
        delivery.save(update_fields=["status", "error", "sent_at"])
        # The task worker tries again later (home/mail.py), then lists it for staff.
        send_later(digest_retry_email, delivery.pk, recipient=subscriber.email)
        return delivery.status
    delivery.status = NewsletterDelivery.Status.SENT
    delivery.sent_at = timezone.now()
    delivery.save(update_fields=["status", "error", "sent_at"])
    return delivery.status


def _retry_delivered(delivery_id):
    NewsletterDelivery.objects.filter(pk=delivery_id).update(
        status=NewsletterDelivery.Status.SENT, sent_at=timezone.now(), error=""
    )


@email_builder("Newsletter issue, sent again", on_sent=_retry_delivered)
def digest_retry_email(delivery_id):
    """A failed delivery's issue, written afresh by the worker; nothing once the reader has
    unsubscribed, the delivery went out some other way, or no article of it is still live."""
    delivery = (
        NewsletterDelivery.objects.select_related("issue", "subscriber")
        .filter(
            pk=delivery_id,
            status=NewsletterDelivery.Status.FAILED,
            subscriber__status=Subscriber.Status.CONFIRMED,
        )
        .first()
    )
    if delivery is None:
        return None
    issue = delivery.issue
    articles = list(listed_articles().filter(pk__in=issue.articles.values("pk")))
    if not articles:
        return None
    return digest_email(issue, digest_items(articles), delivery.subscriber)


def finish_issue(issue):
    issue.completed_at = timezone.now()
    issue.save(update_fields=["completed_at"])
