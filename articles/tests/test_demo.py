import re
from urllib.parse import urlsplit

from django.core.management import call_command
from django.db.models import Count, Q
from django.test import TestCase
from django.utils.html import strip_tags

from articles.models import ArticlePage, Author, Topic
from articles.models.article_page import block_prose

INVENTED_HOST = re.compile(r"(^|\.)example(\.(com|net|org))?$")


def load_demo():
    call_command("load_demo_content", stdout=open("/dev/null", "w"))


class TestDemoArticles(TestCase):
    @classmethod
    def setUpTestData(cls):
        load_demo()

    def test_twelve_live_articles_of_300_words_or_more(self):
        articles = ArticlePage.objects.live()
        self.assertGreaterEqual(articles.count(), 12)
        for article in articles:
            text = article.standfirst + " " + block_prose(list(article.body.raw_data))
            words = len(strip_tags(text).split())
            self.assertGreaterEqual(words, 300, f"{article.title}: {words} words")
            self.assertTrue(article.hero_image_id and article.hero_alt_text, article.title)
            self.assertTrue(article.authors.exists() and article.topics.exists(), article.title)

    def test_three_authors_with_credentials_bio_and_photo(self):
        authors = Author.objects.annotate(
            live_articles=Count("articles", filter=Q(articles__live=True))
        ).filter(live_articles__gt=0)
        self.assertGreaterEqual(authors.count(), 3)
        for author in authors:
            self.assertTrue(author.credentials and author.bio and author.photo_id, author.name)

    def test_four_topics_in_use(self):
        used = Topic.objects.filter(articles__live=True).distinct()
        self.assertGreaterEqual(used.count(), 4)

    def test_reloading_changes_nothing(self):
        from wagtail.images import get_image_model

        before = (ArticlePage.objects.count(), get_image_model().objects.count())
        load_demo()
        self.assertEqual((ArticlePage.objects.count(), get_image_model().objects.count()), before)

    def test_demo_shows_a_correction_a_content_note_and_the_policy(self):
        # Issue 17: one correction, a content note, the editorial policy page linked from
        # every article, and topics mapped to the directory's issues.
        panic = self.client.get("/articles/what-a-panic-attack-feels-like/").content.decode()
        self.assertIn('class="article-corrections"', panic)
        self.assertIn('href="/editorial-policy/"', panic)
        self.assertIn("data-near-url=", panic)
        corrections = self.client.get("/articles/corrections/").content.decode()
        self.assertIn("/articles/what-a-panic-attack-feels-like/", corrections)
        sadness = self.client.get("/articles/telling-sadness-from-depression/").content.decode()
        self.assertIn("This article discusses suicide.", sadness)
        policy = self.client.get("/editorial-policy/").content.decode()
        for heading in ("How articles are reviewed", "Conflicts of interest", "No advertising"):
            self.assertIn(heading, policy)
        self.assertFalse(Topic.objects.filter(issues__isnull=True).exists())
        before = ArticlePage.objects.get(slug="what-a-panic-attack-feels-like").corrections.count()
        load_demo()  # once only
        after = ArticlePage.objects.get(slug="what-a-panic-attack-feels-like").corrections.count()
        self.assertEqual((before, after), (1, 1))

    def test_demo_pages_render(self):
        for path in (
            "/",
            "/articles/",
            "/articles/what-a-panic-attack-feels-like/",
            "/articles/topics/anxiety/",
            "/articles/authors/maya-okafor/",
        ):
            self.assertEqual(self.client.get(path).status_code, 200, path)
        home = self.client.get("/").content.decode()
        self.assertIn("Featured articles", home)

    def test_no_link_leads_to_an_invented_host(self):
        """Reserved example hosts (RFC 2606) never lead anywhere: no footer link, reader's
        website or therapist's website may point to one."""
        from therapists.models import TherapistProfilePage

        profile = TherapistProfilePage.objects.live().order_by("path").first()
        for path in (
            "/",
            "/about/",
            "/articles/",
            "/articles/what-a-panic-attack-feels-like/",
            "/articles/choosing-a-therapist-who-fits/",
            "/find-a-therapist/",
            profile.url,
        ):
            html = self.client.get(path).content.decode()
            hosts = {urlsplit(href).hostname or "" for href in re.findall(r'href="([^"]+)"', html)}
            self.assertEqual({host for host in hosts if INVENTED_HOST.search(host)}, set(), path)

    def test_about_page_credits_the_illustrations(self):
        response = self.client.get("/about/")
        self.assertContains(response, "About the illustrations")
        self.assertContains(response, ">Avataaars</a> style by Pablo Stanley")
        self.assertContains(response, '<a href="https://www.dicebear.com">DiceBear</a>')


class TestDemoReviews(TestCase):
    """Issue 17's demo: reviewed articles with sources, one due for review, one overdue."""

    @classmethod
    def setUpTestData(cls):
        load_demo()

    def test_reviewed_articles_with_sources_and_dates_due(self):
        from django.utils import timezone

        from articles.review_dates import due_for_review

        reviewed = ArticlePage.objects.live().exclude(reviewed_by=None)
        self.assertGreaterEqual(reviewed.count(), 4)
        self.assertEqual({a.reviewed_by.name for a in reviewed}, {"Maya Okafor", "Daniel Reyes"})
        for article in reviewed:  # a clinician who did not write it, as the policy page says
            self.assertNotIn(article.reviewed_by.author, article.authors.all())
        panic = ArticlePage.objects.get(slug="what-a-panic-attack-feels-like")
        self.assertEqual(len(panic.references), 2)
        html = self.client.get(panic.url).content.decode()
        self.assertIn('href="#ref-2"', html)
        self.assertIn("Clinically reviewed by", html)
        today = timezone.localdate()
        due = list(due_for_review())
        self.assertTrue(any(a.review_due < today for a in due), "an overdue article")
        self.assertTrue(any(a.review_due >= today for a in due), "an article due soon")

    def test_reloading_records_no_second_review(self):
        from wagtail.models import TaskState

        before = TaskState.objects.count()
        load_demo()
        self.assertEqual(TaskState.objects.count(), before)
