"""Uploads stay private: a therapist's documents for them and staff only, no original image or
document file served straight from /media/, public renditions still public."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import TestCase
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Collection

from therapists.models import TherapistAccount

from .accounts_support import make_therapist

User = get_user_model()


class TestPrivateUploads(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.owner = make_therapist("Maya Okafor", "maya@example.com")
        cls.other = make_therapist("Ben Zephyrson", "ben@example.com")
        cls.editor = User.objects.create_user("editor", "editor@example.com", "pw")
        cls.editor.groups.add(Group.objects.get(name="Editors"))
        cls.admin = User.objects.create_superuser("root", "root@example.com", "pw")
        collection = TherapistAccount.objects.get(user=cls.owner).collection
        cls.document = get_document_model().objects.create(
            title="License scan",
            file=ContentFile(b"LICENSE PSY-12345", name="license-scan.txt"),
            collection=collection,
            uploaded_by_user=cls.owner,
        )
        cls.image = get_image_model().objects.create(
            title="Headshot",
            file=get_test_image_file(filename="headshot.png"),
            collection=collection,
            uploaded_by_user=cls.owner,
        )

    def get_document(self, user=None):
        if user is not None:
            self.client.force_login(user)
        return self.client.get(self.document.url)

    def test_anonymous_visitors_are_sent_to_log_in(self):
        response = self.get_document()
        self.assertEqual(response.status_code, 302)
        self.assertIn("/login/?next=/documents/", response["Location"])

    def test_another_therapist_cannot_read_it(self):
        self.assertNotEqual(self.get_document(self.other).status_code, 200)

    def test_the_owner_staff_and_superusers_can(self):
        for user in (self.owner, self.editor, self.admin):
            with self.subTest(user=user.username):
                response = self.get_document(user)
                self.assertEqual(response.status_code, 200)
                self.assertEqual(b"".join(response.streaming_content), b"LICENSE PSY-12345")

    def test_the_document_file_is_not_served_from_media(self):
        self.assertEqual(self.document.url, f"/documents/{self.document.pk}/license-scan.txt")
        for user in (None, self.owner):
            if user:
                self.client.force_login(user)
            with self.subTest(user=user):
                response = self.client.get(f"/media/{self.document.file.name}")
                self.assertEqual(response.status_code, 404)

    def test_original_images_are_not_served_but_renditions_are(self):
        self.assertTrue(self.image.file.name.startswith("original_images/"))
        self.assertEqual(self.client.get(f"/media/{self.image.file.name}").status_code, 404)
        rendition = self.image.get_rendition("fill-120x120")
        response = self.client.get(rendition.url)
        self.assertEqual(response.status_code, 200)

    def test_documents_outside_therapists_collections_stay_public(self):
        public = get_document_model().objects.create(
            title="Fee guide",
            file=ContentFile(b"Fees", name="fee-guide.txt"),
            collection=Collection.get_first_root_node(),
        )
        self.assertEqual(self.client.get(public.url).status_code, 200)

    def test_each_therapist_has_their_own_restriction(self):
        collection = TherapistAccount.objects.get(user=self.owner).collection
        (restriction,) = collection.get_view_restrictions()
        self.assertEqual(
            set(restriction.groups.values_list("name", flat=True)),
            {"Editors", f"Therapist uploads #{self.owner.pk}"},
        )
