"""The people and admin URLs of the permission matrix (test_permission_matrix.py)."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from therapists.models import ContactMessage, TherapistAccount, TherapistProfilePage

from .accounts_support import make_therapist

ROLES = ["anonymous", "therapist_a", "therapist_b", "writer", "editor", "admin"]


def build_world():
    """Therapist A (profile submitted for review, a message, an image) and B, plus staff."""
    User = get_user_model()
    a = make_therapist("Maya Okafor", "maya@example.com")
    b = make_therapist("Ben Other", "ben@example.com")
    writer = User.objects.create_user("writer", "w@example.com", "pw")
    writer.groups.add(Group.objects.get(name="Writers"))
    editor = User.objects.create_user("editor", "e@example.com", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    admin = User.objects.create_superuser("admin", "admin@example.com", "pw")
    profile = TherapistProfilePage.objects.get(owner=a)
    profile.statement = "I help adults with anxiety."
    revision = profile.save_revision(user=a)
    workflow_state = profile.get_workflow().start(profile, a)
    task_state = workflow_state.current_task_state
    message = ContactMessage.objects.create(
        profile=profile, name="Jordan", email="j@example.com", message="Hello"
    )
    image = get_image_model().objects.create(
        title="Maya's portrait",
        file=get_test_image_file(),
        collection=TherapistAccount.objects.get(user=a).collection,
        uploaded_by_user=a,
    )
    return {
        "users": {
            "anonymous": None,
            "therapist_a": a,
            "therapist_b": b,
            "writer": writer,
            "editor": editor,
            "admin": admin,
        },
        "profile": profile,
        "index": profile.get_parent(),
        "revision": revision,
        "task_state": task_state,
        "message": message,
        "image": image,
    }


def urls(world):
    """(name, method, url) for every admin URL that touches therapist A's profile and things."""
    p = world["profile"].pk
    i = world["index"].pk
    r = world["revision"].pk
    ts = world["task_state"].pk
    return [
        ("edit", "get", f"/admin/pages/{p}/edit/"),
        ("edit_post", "post", f"/admin/pages/{p}/edit/"),
        ("preview", "get", f"/admin/pages/{p}/edit/preview/"),
        ("view_draft", "get", f"/admin/pages/{p}/view_draft/"),
        ("revisions", "get", f"/admin/pages/{p}/revisions/"),
        ("revision_view", "get", f"/admin/pages/{p}/revisions/{r}/view/"),
        ("revision_revert", "get", f"/admin/pages/{p}/revisions/{r}/revert/"),
        ("revision_compare", "get", f"/admin/pages/{p}/revisions/compare/earliest...latest/"),
        ("history", "get", f"/admin/pages/{p}/history/"),
        ("workflow_history", "get", f"/admin/pages/{p}/workflow_history/"),
        ("usage", "get", f"/admin/pages/{p}/usage/"),
        ("delete", "get", f"/admin/pages/{p}/delete/"),
        ("unpublish", "get", f"/admin/pages/{p}/unpublish/"),
        ("move", "get", f"/admin/pages/{p}/move/"),
        ("copy", "get", f"/admin/pages/{p}/copy/"),
        ("lock", "post", f"/admin/pages/{p}/lock/"),
        ("add_subpage_profile", "get", f"/admin/pages/{p}/add_subpage/"),
        ("add_subpage_index", "get", f"/admin/pages/{i}/add_subpage/"),
        ("add_profile", "get", f"/admin/pages/add/therapists/therapistprofilepage/{i}/"),
        ("explore_profile", "get", f"/admin/pages/{p}/"),
        ("workflow_approve", "post", f"/admin/pages/workflow/action/{p}/approve/{ts}/"),
        (
            "workflow_preview",
            "get",
            f"/admin/pages/workflow/preview/{p}/{world['task_state'].task_id}/",
        ),
        ("workflow_cancel", "get", f"/admin/pages/workflow/confirm_cancellation/{p}/"),
        ("chooser_browse", "get", f"/admin/choose-page/{p}/"),
        ("api_detail", "get", f"/admin/api/main/pages/{p}/"),
        ("message", "get", f"/admin/my-messages/{world['message'].pk}/"),
        ("message_handled", "post", f"/admin/my-messages/{world['message'].pk}/"),
        ("staff_messages", "get", "/admin/therapists/contactmessage/"),
        (
            "staff_message",
            "get",
            f"/admin/therapists/contactmessage/inspect/{world['message'].pk}/",
        ),
        ("image_edit", "get", f"/admin/images/{world['image'].pk}/"),
        ("image_delete", "get", f"/admin/images/{world['image'].pk}/delete/"),
    ]
