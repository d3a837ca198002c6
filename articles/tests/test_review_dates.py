"""Review dates (issue 17, item 3): the interval, the report, the dashboard count, the weekly
reminder to the responsible editor and the overdue notice readers see."""

from datetime import date, timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.models import Site

from articles.models import ArticlePage
from articles.models.review import add_months
from home.groups import EDITORS, WRITERS
from home.models import SiteSettings

from .utils import make_article, make_index, make_user, soup


def reviewed(index, title, days_ago, **fields):
    """A live article last reviewed `days_ago` days ago."""
    article = make_article(index, title, days_ago=days_ago + 30, **fields)
    article.last_reviewed = timezone.localdate() - timedelta(days=days_ago)
    article.save()
    return article


class TestReviewDates(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.index = make_index()
        cls.editor = make_user("editor", EDITORS)
        cls.other_editor = make_user("other", EDITORS)
        cls.writer = make_user("writer", WRITERS)
        cls.overdue = reviewed(cls.index, "Overdue piece", days_ago=400)
        cls.due_soon = reviewed(cls.index, "Due soon piece", days_ago=350)
        cls.fresh = reviewed(cls.index, "Fresh piece", days_ago=20)

    def test_add_months_keeps_the_day_or_the_months_last(self):
        self.assertEqual(add_months(date(2026, 1, 31), 1), date(2026, 2, 28))
        self.assertEqual(add_months(date(2026, 11, 15), 12), date(2027, 11, 15))
        self.assertEqual(add_months(date(2026, 11, 15), 3), date(2027, 2, 15))

    def test_due_date_follows_last_review_and_the_interval(self):
        article = ArticlePage.objects.get(pk=self.fresh.pk)
        self.assertEqual(article.review_due, add_months(article.last_reviewed, 12))
        article.review_interval_months = 6
        article.save()
        self.assertEqual(article.review_due, add_months(article.last_reviewed, 6))

    def test_changing_the_site_interval_moves_the_articles_that_follow_it(self):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.review_interval_months = 24
        settings.save()
        article = ArticlePage.objects.get(pk=self.overdue.pk)
        self.assertEqual(article.review_due, add_months(article.last_reviewed, 24))
        self.assertFalse(article.review_overdue)

    def test_readers_are_told_when_a_review_is_overdue(self):
        page = soup(self.client.get(self.overdue.url))
        notice = page.find(class_="byline__overdue")
        self.assertIn("Due for review", notice.get_text())
        self.assertIsNone(soup(self.client.get(self.fresh.url)).find(class_="byline__overdue"))

    def test_report_lists_due_and_overdue_articles_for_editors_only(self):
        url = "/admin/reports/review-due/"
        self.client.force_login(self.writer)
        self.assertNotEqual(self.client.get(url).status_code, 200)
        self.client.force_login(self.editor)
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200)
        text = soup(response).find("main").get_text(" ", strip=True)
        self.assertIn("Overdue piece", text)
        self.assertIn("Due soon piece", text)
        self.assertNotIn("Fresh piece", text)
        self.assertLess(text.index("Overdue piece"), text.index("Due soon piece"))
        self.assertIn("Overdue", text)
        csv = self.client.get(url + "?export=csv")
        self.assertIn(b"Overdue piece", b"".join(csv.streaming_content))

    def test_dashboard_shows_the_counts_to_editors(self):
        self.client.force_login(self.editor)
        panel = soup(self.client.get("/admin/")).find(id="articles-due-for-review-content")
        self.assertIn("1 overdue and 1 due within a month", panel.get_text(" ", strip=True))
        self.client.force_login(self.writer)
        self.assertIsNone(
            soup(self.client.get("/admin/")).find(id="articles-due-for-review-content")
        )

    def test_weekly_reminder_goes_to_the_editor_who_published_each_article(self):
        self.due_soon.save_revision(user=self.editor).publish(user=self.editor)
        call_command("send_review_reminders", stdout=StringIO())
        by_recipient = {message.to[0]: message for message in mail.outbox}
        # The editor who published it gets it; articles nobody published (here: made by the
        # test helper) go to every editor.
        self.assertIn("Due soon piece", by_recipient["editor@example.com"].body)
        self.assertIn("Overdue piece", by_recipient["other@example.com"].body)
        self.assertNotIn("Due soon piece", by_recipient["other@example.com"].body)
        self.assertNotIn("writer@example.com", by_recipient)
        self.assertIn("/admin/reports/review-due/", by_recipient["editor@example.com"].body)

    def test_no_reminder_when_nothing_is_due(self):
        later = timezone.localdate() + timedelta(days=200)
        ArticlePage.objects.update(review_due=later)
        call_command("send_review_reminders", stdout=StringIO())
        self.assertEqual(mail.outbox, [])
