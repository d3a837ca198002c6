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

WRITERS = "Writers"
EDITORS = "Editors"
WRITERS_COLLECTION = "Writers’ images"
WORKFLOW = "Article review"
REVIEW_TASK = "Editor approval"

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
TREEBEARD_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TREEBEARD_STEPLEN = 4


def _permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _add_child_collection(apps, name):
    """The root collection's child with this name, created if missing (treebeard path by hand)."""
    Collection = apps.get_model("wagtailcore", "Collection")
    existing = Collection.objects.filter(depth=2, name=name).first()
    if existing:
        return existing
    root = Collection.objects.get(depth=1)
    last = Collection.objects.filter(depth=2).order_by("-path").first()
    number = int(last.path[-TREEBEARD_STEPLEN:], 36) + 1 if last else 1
    step = ""
    while number:
        number, digit = divmod(number, 36)
        step = TREEBEARD_ALPHABET[digit] + step
    collection = Collection.objects.create(
        name=name, path=root.path + step.rjust(TREEBEARD_STEPLEN, "0"), depth=2, numchild=0
    )
    Collection.objects.filter(pk=root.pk).update(numchild=root.numchild + 1)
    return collection


def set_up_publishing(apps=global_apps):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    Collection = apps.get_model("wagtailcore", "Collection")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    ArticleIndexPage = apps.get_model("articles", "ArticleIndexPage")

    access_admin = _permission(apps, "wagtailadmin", "access_admin")
    writers, _ = Group.objects.get_or_create(name=WRITERS)
    editors, _ = Group.objects.get_or_create(name=EDITORS)
    writers.permissions.add(access_admin)
    editors.permissions.add(access_admin)
    for group_name, permissions in SNIPPET_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        group.permissions.add(*(_permission(apps, *perm) for perm in permissions))

    # Wagtail's default Editors may add and change every page from the root; ours work on
    # articles only (granted on the article index below), so nothing else changes by accident.
    GroupPagePermission.objects.filter(group=editors, page__depth=1).delete()

    # Writers upload to their own collection and may choose any image for an article.
    writers_images = _add_child_collection(apps, WRITERS_COLLECTION)
    root_collection = Collection.objects.get(depth=1)
    for collection, codename in (
        (writers_images, "add_image"),
        (writers_images, "choose_image"),
        (root_collection, "choose_image"),
    ):
        GroupCollectionPermission.objects.get_or_create(
            group=writers,
            collection=collection,
            permission=_permission(apps, "wagtailimages", codename),
        )

    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = GroupApprovalTask.objects.create(
            name=REVIEW_TASK,
            active=True,
            content_type=ContentType.objects.get_for_model(GroupApprovalTask),
        )
        task.groups.add(editors)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)

    for index in ArticleIndexPage.objects.all():
        grant_on_index(index.pk, apps)


def grant_on_index(index_id, apps=global_apps):
    """Writers' and Editors' page permissions and the review workflow on one article index."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    for group_name, codenames in PAGE_PERMISSIONS.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:  # renamed or removed by an administrator: theirs to decide
            continue
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page_id=index_id,
                permission=_permission(apps, "wagtailcore", codename),
            )
    workflow = Workflow.objects.filter(name=WORKFLOW, active=True).first()
    if workflow and not WorkflowPage.objects.filter(page_id=index_id).exists():
        WorkflowPage.objects.create(page_id=index_id, workflow=workflow)
