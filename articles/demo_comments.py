"""Loads the demo readers' comments and newsletter subscribers (their texts are in
articles/demo_content.py); run by articles/demo.py after the articles."""

from datetime import datetime, time, timedelta

from django.utils import timezone

from .demo_content import APPROVED, PENDING, SUBSCRIBERS
from .models import ArticlePage, Comment, Subscriber


def _email(name):
    local = "".join(ch for ch in name.lower() if ch.isalnum()) or "reader"
    return f"{local}@example.com"


def _published_at(article):
    """When the article appeared for readers: the shown date (the demo backdates it) at 8 a.m."""
    day = article.display_date or timezone.localdate()
    return timezone.make_aware(datetime.combine(day, time(8)))


def _ensure(article, status, entries, now):
    created = 0
    for name, website, hours, body in entries:
        existing = Comment.objects.filter(article=article, name=name, body=body)
        if existing.exists():
            # An earlier demo linked some readers' names to invented example.* websites.
            existing.filter(website__contains=".example.").exclude(website=website).update(
                website=website
            )
            continue
        created_at = min(_published_at(article) + timedelta(hours=hours), now)
        Comment.objects.create(
            article=article,
            name=name,
            email=_email(name),
            website=website,
            body=body,
            status=status,
            created_at=created_at,
            moderated_at=created_at + timedelta(hours=2) if status != "pending" else None,
        )
        created += 1
    return created


def load_comments(context):
    """Approved comments on the demo articles and a few pending ones for the moderation list;
    comments already there (same article, name and text) are left alone."""
    now = timezone.now()
    articles = {article.slug: article for article in ArticlePage.objects.all()}
    created = 0
    for status, groups in ((Comment.Status.APPROVED, APPROVED), (Comment.Status.PENDING, PENDING)):
        for slug, entries in groups.items():
            if slug in articles:
                created += _ensure(articles[slug], status, entries, now)
    context.log(
        f"{created} new comments ({Comment.objects.approved().count()} approved, "
        f"{Comment.objects.pending().count()} pending)"
    )

    for email, status in SUBSCRIBERS:
        Subscriber.objects.get_or_create(
            email=email,
            defaults={
                "status": status,
                "consented_at": now,
                "confirmed_at": now if status == Subscriber.Status.CONFIRMED else None,
            },
        )
    context.log(f"{Subscriber.objects.count()} newsletter subscribers")
