"""The "Find the Right Therapist" prompt (an inclusion tag for article pages) and its cookie."""

from django.template import Context, Template
from django.test import Client, RequestFactory, TestCase
from wagtail.contrib.settings.context_processors import settings as settings_processor
from wagtail.models import Site

from home.models import SiteSettings
from therapists.models import Issue
from therapists.tests.fixtures import directory_page
from therapists.views import PROMPT_COOKIE

TEMPLATE = Template("{% load directory_tags %}{% find_therapist_prompt %}")


class TestFindTherapistPrompt(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.directory = directory_page()
        Issue.objects.create(name="Anxiety")
        Issue.objects.create(name="Grief and loss")
        settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
        settings.phone_number = "1-888-555-0142"
        settings.phone_extension = "1"
        settings.save()

    def render(self, cookies=None, path="/articles/some-article/?ref=x"):
        request = RequestFactory().get(path)
        request.COOKIES.update(cookies or {})
        context = Context(
            {"request": request, "csrf_token": "token123", **settings_processor(request)}
        )
        return TEMPLATE.render(context)

    def test_compact_search_links_and_call_line(self):
        html = self.render()
        self.assertIn("Find the Right Therapist", html)
        self.assertIn('action="/find-a-therapist/"', html)
        self.assertIn('name="location"', html)
        self.assertIn('<option value="grief-and-loss">Grief and loss</option>', html)
        self.assertIn('href="/find-a-therapist/#advanced-search">Advanced Search</a>', html)
        self.assertIn('href="/find-a-therapist/locations/">Browse Locations</a>', html)
        self.assertIn("Call Us to Find a Therapist:", html)
        self.assertIn("1-888-555-0142 ext.1", html)
        self.assertIn('href="tel:+1-888-555-0142;ext=1"', html)

    def test_dismiss_is_a_post_form_back_to_the_same_page(self):
        html = self.render()
        self.assertIn('method="post" action="/directory/hide-prompt/"', html)
        self.assertIn('name="next" value="/articles/some-article/?ref=x"', html)
        # No CSRF token: the page stays cacheable, the post's origin is checked instead.
        self.assertNotIn("token123", html)
        self.assertNotIn("csrfmiddlewaretoken", html)
        self.assertIn("Don't show me this again.</button>", html)

    def test_hidden_once_dismissed(self):
        with self.assertNumQueries(0):
            html = self.render(cookies={PROMPT_COOKIE: "1"})
        self.assertNotIn("Find the Right Therapist", html)

    def test_nothing_without_a_live_directory(self):
        self.directory.unpublish()
        self.assertNotIn("Find the Right Therapist", self.render())

    def test_home_page_shows_it_for_good_without_the_dismiss_button(self):
        self.client.cookies[PROMPT_COOKIE] = "1"
        html = self.client.get("/").content.decode()
        self.assertIn("Find the Right Therapist", html)
        self.assertIn('name="location"', html)
        self.assertNotIn("Don't show me this again.", html)

    def test_query_count(self):
        # The directory page and the issues; the site and its settings (which every page
        # loads anyway, once per request) for the call line. Wagtail's site root paths are
        # cached for every page; warm them, as any earlier request would have.
        Site.get_site_root_paths()
        with self.assertNumQueries(4):
            self.render()


class TestHidePromptView(TestCase):
    def test_sets_a_long_lived_cookie_and_goes_back(self):
        response = self.client.post("/directory/hide-prompt/", {"next": "/articles/a/?x=1"})
        self.assertRedirects(response, "/articles/a/?x=1", fetch_redirect_response=False)
        cookie = response.cookies[PROMPT_COOKIE]
        self.assertEqual(cookie.value, "1")
        self.assertGreaterEqual(int(cookie["max-age"]), 364 * 24 * 3600)
        self.assertEqual(cookie["samesite"], "Lax")
        self.assertTrue(cookie["httponly"])

    def test_refuses_to_redirect_off_site(self):
        for bad in ["https://evil.example/", "//evil.example/", "javascript:alert(1)", ""]:
            with self.subTest(next=bad):
                response = self.client.post("/directory/hide-prompt/", {"next": bad})
                self.assertRedirects(response, "/", fetch_redirect_response=False)

    def test_script_gets_json(self):
        response = self.client.post(
            "/directory/hide-prompt/", {"next": "/"}, HTTP_ACCEPT="application/json"
        )
        self.assertEqual(response.json(), {"hidden": True})
        self.assertEqual(response.cookies[PROMPT_COOKIE].value, "1")

    def test_get_is_not_allowed(self):
        self.assertEqual(self.client.get("/directory/hide-prompt/").status_code, 405)

    def test_csrf_is_checked(self):
        client = Client(enforce_csrf_checks=True)
        self.assertEqual(client.post("/directory/hide-prompt/", {"next": "/"}).status_code, 403)
