"""Articles due for review: which ones, who answers for each, and the weekly reminder.

An article is due when its next review date (ArticlePage.review_due: the last review, or its
publication when never reviewed, plus its interval) is within DUE_SOON_DAYS, overdue once past.
The admin report and the dashboard panel are in review_admin.py; the cron line that queues the
weekly reminder is in docs/operations.md.
"""

from collections import defaultdict
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django_tasks import task
from wagtail.models import PageLogEntry

from home.absolute import absolute_url
from home.groups import EDITORS
from home.mail import email_builder, send_later
from home.models import SiteSettings

from .models import ArticlePage
from .models.review import DUE_SOON_DAYS


def due_for_review(today=None):
    """Live articles whose review is due within DUE_SOON_DAYS or overdue, most overdue first."""
    today = today or timezone.localdate()
    return (
        ArticlePage.objects.live()
        .filter(review_due__lte=today + timedelta(days=DUE_SOON_DAYS))
        .select_related("reviewed_by")
        .order_by("review_due", "pk")
    )


def follow_site_interval(sender, instance, raw=False, **kwargs):
    """After the site's review interval changes, the articles that follow it move their dates."""
    if raw:
        return
    following = ArticlePage.objects.filter(review_interval_months=None).only(
        "last_reviewed", "date_published", "review_interval_months", "review_due"
    )
    changed = []
    for article in following:
        before = article.review_due
        article.update_review_due(default_months=instance.review_interval_months)
        if article.review_due != before:
            changed.append(article)
    ArticlePage.objects.bulk_update(changed, ["review_due"], batch_size=500)


def review_counts(today=None):
    today = today or timezone.localdate()
    articles = due_for_review(today)
    overdue = articles.filter(review_due__lt=today).count()
    return {"overdue": overdue, "due": articles.count() - overdue}


def _editors():
    return list(
        get_user_model()
        .objects.filter(is_active=True, groups__name=EDITORS)
        .exclude(email="")
        .order_by("pk")
    )


def responsible_editors(articles):
    """{editor: [article, ...]}: each article goes to the editor who last published it while
    still an active editor with an email address, else to every editor."""
    editors = {user.pk: user for user in _editors()}
    published_by = {}
    for page_id, user_id in (
        PageLogEntry.objects.filter(page__in=[a.pk for a in articles], action="wagtail.publish")
        .exclude(user=None)
        .order_by("page_id", "-timestamp", "-pk")
        .values_list("page_id", "user_id")
    ):
        published_by.setdefault(page_id, user_id)
    assigned = defaultdict(list)
    for article in articles:
        editor = editors.get(published_by.get(article.pk))
        for user in [editor] if editor else editors.values():
            assigned[user].append(article)
    return assigned


@email_builder("Articles due for review")
def review_reminder_email(user_id, article_ids):
    """The reminder as it stands when sent: articles since reviewed are left out."""
    user = get_user_model().objects.filter(pk=user_id, is_active=True).first()
    today = timezone.localdate()
    articles = list(due_for_review(today).filter(pk__in=article_ids))
    if user is None or not user.email or not articles:
        return None
    rows = [
        {
            "article": article,
            "overdue": article.review_due < today,
            "edit_url": absolute_url(reverse("wagtailadmin_pages:edit", args=[article.pk])),
        }
        for article in articles
    ]
    context = {
        "user": user,
        "rows": rows,
        "report_url": absolute_url(reverse("articles_admin:review_due")),
        "site_name": SiteSettings.name_for(),
    }
    return EmailMessage(
        subject=f"{len(rows)} article{'s' if len(rows) != 1 else ''} due for review",
        body=render_to_string("articles/emails/review-reminder.txt", context),
        to=[user.email],
    )


@task()
def send_review_reminders():
    """Queue one reminder to each responsible editor (the worker sends them)."""
    assigned = responsible_editors(list(due_for_review()))
    for editor, articles in assigned.items():
        send_later(
            review_reminder_email, editor.pk, [a.pk for a in articles], recipient=editor.email
        )
    return len(assigned)
