from django.contrib.auth import get_user_model
from django.test import TestCase

from articles.models import ArticlePage, Comment, Subscriber

from .test_demo import load_demo


class TestDemoComments(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()

    def test_approved_comments_on_several_articles_and_some_pending(self):
        approved = Comment.objects.approved()
        self.assertGreaterEqual(approved.values("article").distinct().count(), 6)
        self.assertGreaterEqual(approved.count(), 15)
        self.assertGreaterEqual(Comment.objects.pending().count(), 2)
        for comment in approved:
            self.assertGreaterEqual(comment.created_at.date(), comment.article.display_date)

    def test_shown_on_the_article_and_in_recent_comments(self):
        article = ArticlePage.objects.get(slug="what-a-panic-attack-feels-like")
        html = self.client.get(article.url).content.decode()
        self.assertIn("4 comments", html)
        self.assertIn("Recent Comments", html)
        self.assertNotIn("@example.com", html)

    def test_moderator_account_and_subscribers(self):
        moderator = get_user_model().objects.get(username="moderator")
        self.assertTrue(moderator.has_perm("articles.change_comment"))
        self.assertGreaterEqual(Subscriber.objects.filter(status="confirmed").count(), 2)

    def test_reloading_adds_nothing(self):
        before = (Comment.objects.count(), Subscriber.objects.count())
        load_demo()
        self.assertEqual((Comment.objects.count(), Subscriber.objects.count()), before)
