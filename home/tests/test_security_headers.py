"""Every page says what it allows: an enforced Content-Security-Policy without unsafe-inline on
the public site, report-only in Wagtail's admin, and a Permissions-Policy denying what the site
does not use."""

from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.test import TestCase
from django.utils import timezone
from wagtail.documents import get_document_model
from wagtail.models import Collection

from articles.models import ArticleIndexPage, ArticlePage
from home.models import StandardPage
from therapists.models import TherapistIndexPage, TherapistProfilePage


def directives(header):
    return {part.split()[0]: part.split()[1:] for part in header.split("; ")}


class TestSecurityHeaders(TestCase):
    @classmethod
    def setUpTestData(cls):
        call_command("load_demo_content", stdout=open("/dev/null", "w"))

    def public_urls(self):
        articles = ArticleIndexPage.objects.first()
        directory = TherapistIndexPage.objects.first()
        return {
            "home": "/",
            "standard page": StandardPage.objects.live().first().url,
            "article index": articles.url,
            "article": ArticlePage.objects.live().first().url,
            "feed": articles.url + "feed/",
            "directory": directory.url,
            "directory results": directory.url + "?location=97214",
            "profile": TherapistProfilePage.objects.live().first().url,
            "search": "/search/?q=anxiety",
            "join": "/join/",
            "not found": "/no-such-page/",
            "bad input": "/search/?q=garden&scope=everything",
            "sitemap": "/sitemap.xml",
            "robots": "/robots.txt",
        }

    def test_every_public_page_type_has_both_headers(self):
        for name, url in self.public_urls().items():
            with self.subTest(name, url=url):
                response = self.client.get(url)
                self.assertLess(response.status_code, 500)
                policy = directives(response["Content-Security-Policy"])
                self.assertEqual(policy["script-src"], ["'self'"])
                self.assertEqual(policy["style-src"], ["'self'"])
                self.assertEqual(policy["object-src"], ["'none'"])
                self.assertEqual(policy["frame-ancestors"], ["'none'"])
                self.assertNotIn("'unsafe-inline'", response["Content-Security-Policy"])
                self.assertNotIn("'unsafe-eval'", response["Content-Security-Policy"])
                permissions = response["Permissions-Policy"]
                for denied in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
                    self.assertIn(denied, permissions)

    def test_forms_post_to_the_site_only(self):
        policy = directives(self.client.get("/join/")["Content-Security-Policy"])
        self.assertEqual(policy["form-action"], ["'self'"])
        self.assertEqual(policy["base-uri"], ["'self'"])

    def test_the_admin_is_report_only(self):
        admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
        self.client.force_login(admin)
        for url in ("/admin/", "/admin/login/", "/admin/password_reset/"):
            with self.subTest(url):
                response = self.client.get(url)
                self.assertNotIn("Content-Security-Policy", response)
                policy = directives(response["Content-Security-Policy-Report-Only"])
                self.assertEqual(policy["script-src"], ["'self'"])
                # The admin frames its own previews.
                self.assertEqual(policy["frame-ancestors"], ["'self'"])
                self.assertIn("camera=()", response["Permissions-Policy"])

    def test_previews_are_enforced_but_may_be_framed_by_the_admin(self):
        admin = get_user_model().objects.create_superuser("root", "root@example.com", "pw")
        self.client.force_login(admin)
        article = ArticlePage.objects.live().first()
        response = self.client.get(f"/admin/pages/{article.pk}/view_draft/")
        self.assertEqual(response.status_code, 200)
        policy = directives(response["Content-Security-Policy"])
        self.assertEqual(policy["script-src"], ["'self'"])
        self.assertEqual(policy["frame-ancestors"], ["'self'"])

    def test_a_documents_own_policy_is_kept(self):
        document = get_document_model().objects.create(
            title="Fee guide",
            file=ContentFile(b"Fees", name="fee-guide.txt"),
            collection=Collection.get_first_root_node(),
        )
        response = self.client.get(document.url)
        self.assertEqual(response["Content-Security-Policy"], "default-src 'none'")


class TestSecurityTxt(TestCase):
    def test_says_where_to_report_a_vulnerability(self):
        response = self.client.get("/.well-known/security.txt")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        fields = dict(line.split(": ", 1) for line in response.content.decode().splitlines())
        self.assertEqual(fields["Contact"], "mailto:security@mindwell.example")
        self.assertEqual(fields["Canonical"], "http://testserver/.well-known/security.txt")
        expires = datetime.fromisoformat(fields["Expires"].replace("Z", "+00:00"))
        self.assertLess(expires - timezone.now(), timedelta(days=365))
        self.assertGreater(expires, timezone.now())
