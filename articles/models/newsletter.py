"""The weekly newsletter: subscribers (double opt-in), the issues sent and each delivery.

Only confirmed subscribers get the newsletter. An issue records the articles it carried and each
delivery its recipient, so `send_newsletter` can resume after a crash without sending anyone the
same issue twice (see articles/newsletter.py).
"""

import secrets

from django.db import models
from django.utils import timezone


def new_token():
    return secrets.token_urlsafe(32)


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Awaiting confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    # Stored lower-cased, so one address is one subscriber however it is typed.
    email = models.EmailField(max_length=254, unique=True)
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    # The unsubscribe links' secret: random, kept for good so links in old emails keep working.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    # Changed by every sign-up request; a confirmation link names it, so older links stop working.
    confirm_nonce = models.CharField(max_length=32, blank=True, editable=False)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    consented_at = models.DateTimeField(
        null=True, blank=True, help_text="When they last ticked the consent box."
    )
    confirmation_sent_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.email

    class Meta:
        ordering = ["-created_at", "-pk"]


class NewsletterIssue(models.Model):
    """One weekly digest: the articles published in (period_start, period_end]."""

    subject = models.CharField(max_length=200)
    period_start = models.DateTimeField()
    period_end = models.DateTimeField()
    articles = models.ManyToManyField("articles.ArticlePage", related_name="+", blank=True)
    started_at = models.DateTimeField(default=timezone.now)
    # Empty while sending: a later run resumes this issue before starting another.
    completed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.subject

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = "newsletter issue"


class NewsletterDelivery(models.Model):
    """One issue to one subscriber. Created (and committed) before the email goes out, so a
    re-run, even one racing this one, never sends the same issue to the same address twice."""

    class Status(models.TextChoices):
        SENDING = "sending", "Sending (interrupted if it stays so)"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.SENDING)
    sent_at = models.DateTimeField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)

    def __str__(self):
        return f"{self.issue} → {self.subscriber}"

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="articles_one_delivery_per_subscriber"
            )
        ]
        verbose_name = "newsletter delivery"
        verbose_name_plural = "newsletter deliveries"
