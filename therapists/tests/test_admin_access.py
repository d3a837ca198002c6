"""What therapists see in the admin: their own profile and nothing of anyone else's; the review."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import TaskState
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from therapists.models import TherapistAccount, TherapistProfilePage

from .accounts_support import make_therapist

User = get_user_model()


def profile_form(profile, **changes):
    location = profile.locations.first()
    data = {
        "title": profile.title,
        "slug": profile.slug,
        "credentials": "",
        "profession": profile.profession_id or "",
        "pronouns": "",
        "statement": profile.statement,
        "bio": rich_text(""),
        "serves_adults": "on",
        "sees_individuals": "on",
        "offers_in_person": "on",
        "accepting_new_clients": "on",
        "accepting_confirmed_on": profile.get_availability().confirmed_on.isoformat(),
        "low_fee_places": "0",
        "license_type": profile.license_type,
        "license_number": profile.license_number,
        "license_state": profile.license_state,
        "locations": inline_formset(
            [
                {
                    "id": location.pk,
                    "street": "",
                    "city": location.city,
                    "state": location.state,
                    "zip_code": location.zip_code,
                }
            ],
            initial=1,
            min=1,
        ),
        "state_licenses": inline_formset([]),
    }
    data.update(changes)
    return nested_form_data(data)


class TherapistsWorld(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.a = make_therapist("Maya Okafor", "maya@example.com")
        cls.b = make_therapist("Ben Zephyrson", "ben@example.com")
        cls.profile_a = TherapistProfilePage.objects.get(owner=cls.a)
        cls.profile_b = TherapistProfilePage.objects.get(owner=cls.b)
        cls.index = cls.profile_a.get_parent()
        cls.editor = User.objects.create_user("editor", "editor@example.com", "pw")
        cls.editor.groups.add(Group.objects.get(name="Editors"))
        Image = get_image_model()
        cls.image_b = Image.objects.create(
            title="Zephyrson headshot",
            file=get_test_image_file(),
            collection=TherapistAccount.objects.get(user=cls.b).collection,
            uploaded_by_user=cls.b,
        )

    def setUp(self):
        self.client.force_login(self.a)


class TestNothingOfOthers(TherapistsWorld):
    def assert_hidden(self, url):
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        # The full name: a search page echoes the query itself.
        self.assertNotContains(response, "Ben Zephyrson")
        self.assertNotContains(response, "Zephyrson headshot")
        return response

    def test_explorer_lists_only_their_own_profile(self):
        response = self.assert_hidden(f"/admin/pages/{self.index.pk}/")
        self.assertContains(response, "Maya Okafor")

    def test_admin_search(self):
        response = self.assert_hidden("/admin/pages/search/?q=Zephyrson")
        self.assertContains(response, "Sorry, no pages match")
        self.assert_hidden("/admin/pages/search/results/?q=Zephyrson")
        response = self.client.get("/admin/pages/search/?q=Okafor")
        self.assertContains(response, "Maya Okafor")

    def test_page_chooser(self):
        self.assert_hidden(f"/admin/choose-page/{self.index.pk}/")
        self.assert_hidden("/admin/choose-page/search/?q=Zephyrson")

    def test_admin_api_behind_the_page_menu(self):
        response = self.client.get(
            f"/admin/api/main/pages/?child_of={self.index.pk}&for_explorer=1"
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotContains(response, "Zephyrson")
        self.assertContains(response, "Maya Okafor")
        response = self.client.get("/admin/api/main/pages/?search=Zephyrson")
        self.assertNotContains(response, "Zephyrson", status_code=response.status_code)

    def test_images_listing_and_chooser(self):
        self.assert_hidden("/admin/images/")
        self.assert_hidden("/admin/images/chooser/")
        self.client.force_login(self.b)
        self.assertContains(self.client.get("/admin/images/"), "Zephyrson headshot")

    def test_menu_has_only_their_items(self):
        response = self.client.get("/admin/")
        menu = response.content.decode()
        for label in ("My profile", "My messages", "Images", "Documents"):
            self.assertIn(f'"label": "{label}"', menu)
        for label in ("Snippets", "Reports", "Settings", "Directory lists", "Therapist messages"):
            self.assertNotIn(f'"label": "{label}"', menu)

    def test_staff_areas_are_refused(self):
        for url in (
            "/admin/reports/site-history/",
            "/admin/reports/aging-pages/",
            "/admin/snippets/",
            "/admin/settings/home/sitesettings/",
            "/admin/users/",
            "/admin/workflows/list/",
            "/admin/bulk/wagtailcore/page/delete/?id=" + str(self.profile_b.pk),
        ):
            with self.subTest(url):
                self.assertRedirects(self.client.get(url), "/admin/", fetch_redirect_response=False)

    def test_my_profile_menu_goes_to_their_editor(self):
        self.assertRedirects(
            self.client.get("/admin/my-profile/"),
            f"/admin/pages/{self.profile_a.pk}/edit/",
            fetch_redirect_response=False,
        )


class TestUploads(TherapistsWorld):
    def test_uploads_go_into_their_own_collection(self):
        own = TherapistAccount.objects.get(user=self.a).collection
        response = self.client.post(
            "/admin/images/multiple/add/",
            {"files[]": SimpleUploadedFile("me.png", get_test_image_file().file.getvalue())},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        self.assertEqual(response.status_code, 200)
        image = get_image_model().objects.get(uploaded_by_user=self.a)
        self.assertEqual(image.collection, own)
        # The upload form offers no choice of collection (only theirs exists for them).
        self.assertNotContains(self.client.get("/admin/images/multiple/add/"), 'name="collection"')

    def test_documents_too(self):
        from wagtail.documents import get_document_model

        own = TherapistAccount.objects.get(user=self.a).collection
        upload = SimpleUploadedFile("fees.txt", b"Fee schedule")
        response = self.client.post(
            "/admin/documents/multiple/add/",
            {"files[]": upload},
            headers={"x-requested-with": "XMLHttpRequest"},
        )
        self.assertEqual(response.status_code, 200)
        document = get_document_model().objects.get(uploaded_by_user=self.a)
        self.assertEqual(document.collection, own)
        self.client.force_login(self.b)
        self.assertNotContains(self.client.get("/admin/documents/"), "fees")


class TestForgedRequests(TherapistsWorld):
    def test_posting_to_anothers_edit_url_changes_nothing(self):
        data = profile_form(self.profile_b, title="Hijacked", statement="Hijacked")
        response = self.client.post(f"/admin/pages/{self.profile_b.pk}/edit/", data)
        self.assertEqual(response.status_code, 404)
        page = TherapistProfilePage.objects.get(pk=self.profile_b.pk)
        self.assertEqual(page.get_latest_revision_as_object().title, "Ben Zephyrson")

    def test_photo_of_another_therapist_is_refused(self):
        data = profile_form(self.profile_a, photo=self.image_b.pk, photo_alt="A portrait")
        response = self.client.post(f"/admin/pages/{self.profile_a.pk}/edit/", data)
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Choose a photo you uploaded")
        page = TherapistProfilePage.objects.get(pk=self.profile_a.pk)
        self.assertIsNone(page.get_latest_revision_as_object().photo_id)

    def test_second_profile_is_refused(self):
        data = profile_form(self.profile_a, title="Second me", slug="second-me")
        url = f"/admin/pages/add/therapists/therapistprofilepage/{self.index.pk}/"
        response = self.client.post(url, data)
        self.assertRedirects(
            response, f"/admin/pages/{self.profile_a.pk}/edit/", fetch_redirect_response=False
        )
        self.assertEqual(TherapistProfilePage.objects.filter(owner=self.a).count(), 1)
        self.assertFalse(TherapistProfilePage.objects.filter(slug="second-me").exists())

    def test_publish_button_is_not_theirs(self):
        data = profile_form(self.profile_a, statement="Now live?", **{"action-publish": "1"})
        self.client.post(f"/admin/pages/{self.profile_a.pk}/edit/", data)
        page = TherapistProfilePage.objects.get(pk=self.profile_a.pk)
        self.assertFalse(page.live)

    def test_bad_ids_are_404_not_500(self):
        for url in (
            "/admin/pages/999999/edit/",
            "/admin/my-messages/999999/",
            "/admin/pages/999999/revisions/1/view/",
        ):
            self.assertEqual(self.client.get(url).status_code, 404, url)


class TestProfileReview(TherapistsWorld):
    def submit(self):
        data = profile_form(
            self.profile_a, statement="I help adults with anxiety.", **{"action-submit": "1"}
        )
        response = self.client.post(f"/admin/pages/{self.profile_a.pk}/edit/", data)
        self.assertEqual(response.status_code, 302, response.content[:3000])
        return TherapistProfilePage.objects.get(pk=self.profile_a.pk)

    def test_submit_then_staff_approve_publishes(self):
        page = self.submit()
        self.assertFalse(page.live)
        self.assertEqual(page.current_workflow_state.workflow.name, "Profile review")
        task_state = page.current_workflow_state.current_task_state
        # Staff see it in their queue.
        self.client.force_login(self.editor)
        self.assertContains(self.client.get("/admin/"), "Maya Okafor")
        response = self.client.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/",
            {"comment": "License checked with the Oregon board."},
        )
        self.assertEqual(response.status_code, 302)
        page = TherapistProfilePage.objects.get(pk=page.pk)
        self.assertTrue(page.live)
        self.assertEqual(page.statement, "I help adults with anxiety.")

    def test_reject_with_a_comment_the_therapist_sees(self):
        page = self.submit()
        task_state = page.current_workflow_state.current_task_state
        self.client.force_login(self.editor)
        mail.outbox.clear()
        self.client.post(
            f"/admin/pages/workflow/action/{page.pk}/reject/{task_state.pk}/",
            {"comment": "Your license number does not match the board's record."},
        )
        self.assertEqual(TaskState.objects.get(pk=task_state.pk).status, "rejected")
        # Wagtail emails the therapist the decision and the comment.
        (notice,) = [m for m in mail.outbox if m.to == ["maya@example.com"]]
        self.assertIn("does not match the board", notice.body)
        self.client.force_login(self.a)
        response = self.client.get("/admin/")
        self.assertContains(response, "Changes requested by our staff")
        self.assertContains(response, "does not match the board")
        self.assertFalse(TherapistProfilePage.objects.get(pk=page.pk).live)

    def test_therapist_cannot_approve_their_own(self):
        page = self.submit()
        task_state = page.current_workflow_state.current_task_state
        response = self.client.post(
            f"/admin/pages/workflow/action/{page.pk}/approve/{task_state.pk}/", {"comment": ""}
        )
        self.assertRedirects(response, "/admin/", fetch_redirect_response=False)
        self.assertFalse(TherapistProfilePage.objects.get(pk=page.pk).live)

    def test_staff_verify_the_license(self):
        self.client.force_login(self.editor)
        html = self.client.get(f"/admin/pages/{self.profile_a.pk}/edit/").content.decode()
        self.assertIn('name="license_verified"', html)
        self.client.force_login(self.a)
        html = self.client.get(f"/admin/pages/{self.profile_a.pk}/edit/").content.decode()
        self.assertNotIn('name="license_verified"', html)
