import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page, Site
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from home.models import HomePage, SiteSettings, StandardPage


class TestHomePage(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        cls.home = Site.objects.get(is_default_site=True).root_page.specific
        cls.home.intro = "Articles and a directory"
        cls.home.save_revision().publish()

    def test_fresh_site_has_a_home_page_as_root(self):
        self.assertIsInstance(self.home, HomePage)

    def test_renders_with_intro(self):
        self.assertPageIsRenderable(self.home)
        response = self.client.get("/")
        self.assertContains(response, "Articles and a directory")
        self.assertContains(response, 'class="skip-link" href="#main"')

    def test_parent_and_child_rules(self):
        self.assertCanCreateAt(HomePage, StandardPage)
        self.assertCanNotCreateAt(StandardPage, HomePage)
        self.assertAllowedParentPageTypes(HomePage, {Page})


class TestStandardPage(WagtailPageTestCase):
    @classmethod
    def setUpTestData(cls):
        home = Site.objects.get(is_default_site=True).root_page
        cls.terms = StandardPage(
            title="Terms of Use",
            slug="terms-of-use",
            summary="The rules of the site.",
            body=[("paragraph", "<p>Be kind to one another.</p>")],
        )
        home.add_child(instance=cls.terms)
        cls.terms.save_revision().publish()
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.terms_page = cls.terms
        settings.copyright_holder = "Example Holder"
        settings.save()

    def test_body_summary_and_meta_description(self):
        response = self.client.get("/terms-of-use/")
        self.assertContains(response, "<h1>Terms of Use</h1>", html=True)
        self.assertContains(response, "Be kind to one another.")
        self.assertContains(response, '<meta name="description" content="The rules of the site.">')

    def test_footer_links_terms_and_shows_copyright(self):
        response = self.client.get("/")
        self.assertContains(response, 'href="/terms-of-use/"')
        self.assertContains(response, "Example Holder. All rights reserved.")

    def test_creatable_with_minimal_data(self):
        self.login()
        home = Site.objects.get(is_default_site=True).root_page
        self.assertCanCreate(
            home,
            StandardPage,
            nested_form_data(
                {
                    "title": "About us",
                    "slug": "about",
                    "summary": "",
                    "last_updated": "2026-01-01",
                    "body": streamfield([("paragraph", rich_text("<p>Who we are.</p>"))]),
                }
            ),
        )


@pytest.mark.django_db
class TestErrorPages:
    def test_404_is_the_sites_own(self, client):
        response = client.get("/no-such-page/")
        assert response.status_code == 404
        assert "We couldn’t find that page" in response.content.decode()
        assert "site-header" in response.content.decode()

    def test_500_is_the_sites_own(self, client):
        client.raise_request_exception = False
        with override_settings(ROOT_URLCONF="home.tests.urls"):
            response = client.get("/boom/")
        assert response.status_code == 500
        assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
class TestRobotsAndSitemap:
    def test_robots_points_at_sitemap_and_hides_admin(self, client):
        response = client.get("/robots.txt")
        assert response["Content-Type"].startswith("text/plain")
        body = response.content.decode()
        assert "Disallow: /admin/" in body
        assert "Sitemap: http://testserver/sitemap.xml" in body

    def test_sitemap_lists_live_pages_only(self, client):
        home = Site.objects.get(is_default_site=True).root_page
        live = StandardPage(title="Privacy", slug="privacy", body=[])
        draft = StandardPage(title="Draft", slug="draft-page", body=[], live=False)
        home.add_child(instance=live)
        home.add_child(instance=draft)
        response = client.get("/sitemap.xml")
        body = response.content.decode()
        assert "/privacy/</loc>" in body
        assert "draft-page" not in body


@pytest.mark.django_db
class TestSiteSettings:
    def test_phone_number_is_validated(self):
        settings = SiteSettings(phone_number="call me maybe")
        with pytest.raises(ValidationError) as error:
            settings.full_clean(exclude=["site"])
        assert "phone_number" in error.value.message_dict

    def test_phone_link_carries_extension(self):
        settings = SiteSettings(phone_number="1-888-555-0142", phone_extension="1")
        assert settings.phone_href == "tel:+1-888-555-0142;ext=1"

    def test_call_line_hidden_without_number(self, client):
        assert "Call Us to Find a Therapist" not in client.get("/").content.decode()

    def test_call_line_shown_with_number(self, client):
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.phone_number = "1-888-555-0142"
        settings.phone_extension = "1"
        settings.save()
        body = client.get("/").content.decode()
        assert "Call Us to Find a Therapist" in body
        assert "1-888-555-0142 ext.1" in body


@pytest.mark.django_db
class TestDemoContent:
    def test_is_idempotent_and_creates_accounts(self, django_user_model):
        call_command("load_demo_content", stdout=open("/dev/null", "w"))
        pages_after_first = Page.objects.count()
        call_command("load_demo_content", stdout=open("/dev/null", "w"))
        assert Page.objects.count() == pages_after_first
        usernames = set(django_user_model.objects.values_list("username", flat=True))
        assert {"admin", "editor", "writer", "therapist1", "therapist2"} <= usernames
        admin = django_user_model.objects.get(username="admin")
        assert admin.is_superuser
        assert admin.check_password("mindwell-demo")

    def test_password_comes_from_environment(self, django_user_model, monkeypatch):
        monkeypatch.setenv("DEMO_PASSWORD", "another-secret-42")
        call_command("load_demo_content", stdout=open("/dev/null", "w"))
        assert django_user_model.objects.get(username="writer").check_password("another-secret-42")

    def test_refuses_production_settings(self):
        from django.core.management.base import CommandError

        with override_settings(IS_PRODUCTION=True), pytest.raises(CommandError):
            call_command("load_demo_content")


class TestNoThirdPartyHosts(WagtailPageTestCase):
    """No request to another host: Wagtail's admin would load avatars from Gravatar."""

    def test_admin_avatars_are_not_fetched_from_gravatar(self):
        self.login()  # a superuser with an email address
        response = self.client.get("/admin/")
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "gravatar.com")
        self.assertContains(response, "default-user-avatar")
