"""Who may do what in the directory: the Therapists group, the staff who verify licenses (Editors)
and the "Profile review" workflow.

Migration 0005 runs `set_up_directory_access`; `grant_on_directory` gives the page permissions and
the workflow on a directory index, from the migration when it exists and from a post_save signal
(apps.py) when it is created later (the demo loader, the admin). Like articles/publishing.py, both
take an app registry so the migration can pass its historical one.
"""

from django.apps import apps as global_apps

from home.access import add_child_collection, ensure_review_workflow, grant_on_page, permission
from home.groups import EDITORS, MODERATORS, THERAPISTS

# Editors are the directory's staff: they verify licenses and approve profiles. Moderators only
# moderate comments (articles/moderation.py), so migration 0005 takes verify_license from them.
DIRECTORY_STAFF = EDITORS
WORKFLOW = "Profile review"
REVIEW_TASK = "License check and approval"
UPLOADS_COLLECTION = "Therapists’ uploads"

# On the directory index. Therapists: `add`, which in Wagtail's ownership model also lets them edit
# the pages they own (their profile) but not publish; wagtail_hooks.py and admin_access.py tighten
# the rest (one profile, nobody else's pages).
PAGE_PERMISSIONS = {
    THERAPISTS: ["add_page"],
    DIRECTORY_STAFF: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
# Each therapist's own collection, through a group of their own (admin_access.py).
UPLOAD_PERMISSIONS = [
    ("wagtailimages", "add_image"),
    ("wagtailimages", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "choose_document"),
]


def set_up_directory_access(apps=global_apps):
    Group = apps.get_model("auth", "Group")
    TherapistIndexPage = apps.get_model("therapists", "TherapistIndexPage")

    therapists, _ = Group.objects.get_or_create(name=THERAPISTS)
    therapists.permissions.add(permission(apps, "wagtailadmin", "access_admin"))
    staff, _ = Group.objects.get_or_create(name=DIRECTORY_STAFF)
    verify = permission(apps, "therapists", "verify_license")
    staff.permissions.add(verify)
    moderators = Group.objects.filter(name=MODERATORS).first()
    if moderators is not None:
        moderators.permissions.remove(verify)
    add_child_collection(apps, UPLOADS_COLLECTION)

    ensure_review_workflow(apps, WORKFLOW, REVIEW_TASK, staff)

    for index in TherapistIndexPage.objects.all():
        grant_on_directory(index.pk, apps)


def grant_on_directory(index_id, apps=global_apps):
    """Therapists' and staff's page permissions and the review workflow on a directory index."""
    grant_on_page(apps, index_id, PAGE_PERMISSIONS, WORKFLOW)


def restrict_uploads(collection_id, group_id, apps=global_apps):
    """Make a therapist's collection private: Wagtail's document view then serves its documents
    only to that therapist (their uploads group), the directory staff and superusers, and sends
    anyone else to the login page. Wagtail checks every restriction on the collection and its
    ancestors, so the shared parent collection carries none (it would shut the owners out)."""
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    restriction, _ = CollectionViewRestriction.objects.get_or_create(
        collection_id=collection_id, restriction_type="groups"
    )
    staff, _ = Group.objects.get_or_create(name=DIRECTORY_STAFF)
    restriction.groups.add(group_id, staff.pk)
