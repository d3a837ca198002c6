"""Every admin URL touching therapist A's profile, revisions, previews, workflow, images and
messages, for each kind of user: the exact answer each one gets.

Codes: a number is that status; "login" a redirect to the login page; "home" Wagtail's "no
permission" redirect to the dashboard; "edit:a"/"edit:b" a redirect to that therapist's own
editor (a therapist can have one profile only); "history" to the page's history; "index" to
the directory in the explorer; "add" to the add-profile form; "messages" back to A's messages.
A therapist asking for another therapist's profile gets 404: not even its existence shows.
"""

from django.db import transaction
from django.test import TestCase

from .permission_matrix import ROLES, build_world, urls

#                       anonymous, therapist_a, therapist_b, writer, editor, admin
EXPECTED = {
    "edit": ("login", 200, 404, "home", 200, 200),
    "edit_post": ("login", 200, 404, "home", 200, 200),
    "preview": ("login", 200, 404, "home", 200, 200),
    "view_draft": ("login", 200, 404, "home", 200, 200),
    "revisions": ("login", "history", 404, "history", "history", "history"),
    "revision_view": ("login", 200, 404, "home", 200, 200),
    "revision_revert": ("login", 200, 404, "home", 200, 200),
    "revision_compare": ("login", 200, 404, "home", 200, 200),
    "history": ("login", 200, 404, "home", 200, 200),
    "workflow_history": ("login", 200, 404, "home", 200, 200),
    "usage": ("login", 200, 404, "home", 200, 200),
    "delete": ("login", "home", 404, "home", 200, 200),
    "unpublish": ("login", "home", 404, "home", "home", "home"),  # a draft: nothing to unpublish
    "move": ("login", "home", 404, "home", 200, 200),
    "copy": ("login", "home", 404, "home", 200, 200),
    "lock": ("login", "home", 404, "home", "index", "index"),
    "add_subpage_profile": ("login", "edit:a", 404, "home", "home", "home"),
    "add_subpage_index": ("login", "edit:a", "edit:b", "home", "add", "add"),
    "add_profile": ("login", "edit:a", "edit:b", "home", 200, 200),
    "explore_profile": ("login", 200, 404, "home", 200, 200),
    "workflow_approve": ("login", "home", 404, "home", "edit:a", "edit:a"),
    "workflow_preview": ("login", "home", 404, "home", 200, 200),
    "workflow_cancel": ("login", 200, 404, 200, 200, 200),
    "chooser_browse": ("login", 200, 404, 200, 200, 200),
    "api_detail": ("login", 200, 404, 404, 200, 200),
    "message": ("login", 200, 404, 404, 404, 404),
    "message_handled": ("login", "messages", 404, 404, 404, 404),
    "staff_messages": ("login", "home", "home", "home", "home", 200),
    "staff_message": ("login", "home", "home", "home", "home", 200),
    "image_edit": ("login", 200, "home", "home", 200, 200),
    "image_delete": ("login", 200, "home", "home", 200, 200),
}


class TestPermissionMatrix(TestCase):
    @classmethod
    def setUpTestData(cls):
        cls.world = build_world()

    def outcome(self, response):
        if response.status_code != 302:
            return response.status_code
        location = response["Location"]
        profile, index = self.world["profile"], self.world["index"]
        from therapists.models import TherapistProfilePage

        own_b = TherapistProfilePage.objects.get(owner=self.world["users"]["therapist_b"])
        names = {
            "/admin/": "home",
            f"/admin/pages/{profile.pk}/edit/": "edit:a",
            f"/admin/pages/{own_b.pk}/edit/": "edit:b",
            f"/admin/pages/{profile.pk}/history/": "history",
            f"/admin/pages/{index.pk}/": "index",
            f"/admin/pages/add/therapists/therapistprofilepage/{index.pk}/": "add",
            "/admin/my-messages/": "messages",
        }
        if location.startswith("/admin/login/"):
            return "login"
        return names.get(location, location)

    def test_every_cell(self):
        self.assertEqual(set(EXPECTED), {name for name, _m, _u in urls(self.world)})
        for name, method, url in urls(self.world):
            for role, expected in zip(ROLES, EXPECTED[name], strict=True):
                with self.subTest(url=name, role=role):
                    self.client.logout()
                    user = self.world["users"][role]
                    if user is not None:
                        self.client.force_login(user)
                    # Each request is undone, so POSTs (approve, mark handled) leave the
                    # world as it was for the next cell.
                    savepoint = transaction.savepoint()
                    response = getattr(self.client, method)(url)
                    transaction.savepoint_rollback(savepoint)
                    self.assertEqual(self.outcome(response), expected, f"{method.upper()} {url}")
