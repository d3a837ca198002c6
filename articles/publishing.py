"""Who may do what with articles: the Writers and Editors groups, the writers' image collection and
the "Article review" workflow.

Migration 0003 runs `set_up_publishing` so every fresh database has the groups and the workflow.
Page permissions and the workflow need the article index page, which a fresh site does not have
yet: `grant_on_index` gives them on it, from the migration when the index already exists and from
a post_save signal (apps.py) when it is created later, in the admin or by the demo loader.

Both take an app registry so the migration can pass its historical one; keep them working with
historical models (no model methods, no treebeard API).
"""

from django.apps import apps as global_apps

from home.access import add_child_collection, ensure_review_workflow, grant_on_page, permission
from home.groups import CLINICAL_REVIEWERS, EDITORS, WRITERS

WRITERS_COLLECTION = "Writers’ images"
WORKFLOW = "Article review"
REVIEW_TASK = "Editor approval"
CLINICAL_TASK = "Clinical review"

# Wagtail page permissions on the article index (and so on every article below it).
# add: create articles and edit one's own drafts. publish: publish, schedule and unpublish.
PAGE_PERMISSIONS = {
    WRITERS: ["add_page"],
    EDITORS: ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
SNIPPET_PERMISSIONS = {
    EDITORS: [
        ("articles", codename)
        for codename in (
            "add_topic",
            "change_topic",
            "delete_topic",
            "add_author",
            "change_author",
            "delete_author",
        )
    ],
}
# Editors manage the clinical reviewers' records and may waive an article's clinical review.
CLINICAL_REVIEW_PERMISSIONS = [
    ("articles", "add_clinicalreviewer"),
    ("articles", "change_clinicalreviewer"),
    ("articles", "delete_clinicalreviewer"),
    ("articles", "waive_clinical_review"),
]


def set_up_publishing(apps=global_apps):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    ArticleIndexPage = apps.get_model("articles", "ArticleIndexPage")

    access_admin = permission(apps, "wagtailadmin", "access_admin")
    writers, _ = Group.objects.get_or_create(name=WRITERS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    writers.permissions.add(access_admin)
    editors.permissions.add(access_admin)
    for group_name, permissions in SNIPPET_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        group.permissions.add(*(permission(apps, *perm) for perm in permissions))

    # Wagtail's default Editors may add and change every page from the root; ours work on
    # articles only (granted on the article index below), so nothing else changes by accident.
    GroupPagePermission.objects.filter(group=editors, page__depth=1).delete()

    # Writers upload to their own collection and may choose any image for an article.
    writers_images = add_child_collection(apps, WRITERS_COLLECTION)
    root_collection = Collection.objects.get(depth=1)
    for collection, codename in (
        (writers_images, "add_image"),
        (writers_images, "choose_image"),
        (root_collection, "choose_image"),
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=writers,
            collection=collection,
            permission=permission(apps, "wagtailimages", codename),
        )

    ensure_review_workflow(apps, WORKFLOW, REVIEW_TASK, editors)

    for index in ArticleIndexPage.objects.all():
        grant_on_index(index.pk, apps)


def grant_on_index(index_id, apps=global_apps):
    """Writers' and Editors' page permissions and the review workflow on one article index."""
    grant_on_page(apps, index_id, PAGE_PERMISSIONS, WORKFLOW)


def set_up_clinical_review(apps=global_apps):
    """The Clinical reviewers group and the "Clinical review" task, put first in the article
    workflow so the editors approve what a clinician has checked (migration 0009)."""
    Group = apps.get_model("auth", "Group")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    ClinicalReviewTask = apps.get_model("articles", "ClinicalReviewTask")

    reviewers, _ = Group.objects.get_or_create(name=CLINICAL_REVIEWERS)
    reviewers.permissions.add(permission(apps, "wagtailadmin", "access_admin"))
    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:
        editors.permissions.add(*(permission(apps, *perm) for perm in CLINICAL_REVIEW_PERMISSIONS))

    workflow = Workflow.objects.filter(name=WORKFLOW).first()
    if (
        workflow is None
        or WorkflowTask.objects.filter(workflow=workflow, task__name=CLINICAL_TASK).exists()
    ):
        return
    task = ClinicalReviewTask.objects.create(
        name=CLINICAL_TASK,
        active=True,
        content_type=ContentType.objects.get_for_model(ClinicalReviewTask),
    )
    # Before every existing step: shift them down one place, highest first.
    for step in WorkflowTask.objects.filter(workflow=workflow).order_by("-sort_order"):
        step.sort_order += 1
        step.save(update_fields=["sort_order"])
    WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
