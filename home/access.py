"""Shared set-up of who may do what: permissions, top-level collections, review workflows and the
page permissions granted on a section's index page.

Each content area says what it grants (articles/publishing.py, therapists/access.py); these do
the granting. They take an app registry so data migrations can pass their historical one: keep
them working with historical models (no model methods, no treebeard API).
"""

TREEBEARD_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
TREEBEARD_STEPLEN = 4


def permission(apps, app_label, codename):
    Permission = apps.get_model("auth", "Permission")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def add_child_collection(apps, name):
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


def ensure_review_workflow(apps, name, task_name, approvers):
    """An active one-step workflow whose task the `approvers` group approves; kept if it exists."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    workflow, _ = Workflow.objects.get_or_create(name=name, defaults={"active": True})
    if not WorkflowTask.objects.filter(workflow=workflow).exists():
        task = GroupApprovalTask.objects.create(
            name=task_name,
            active=True,
            content_type=ContentType.objects.get_for_model(GroupApprovalTask),
        )
        task.groups.add(approvers)
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    return workflow


def grant_on_page(apps, page_id, page_permissions, workflow_name):
    """Each group's page permissions (a {group name: [codename]} map) on one page, and the
    workflow on it unless it already has one."""
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    for group_name, codenames in page_permissions.items():
        group = Group.objects.filter(name=group_name).first()
        if group is None:  # renamed or removed by an administrator: theirs to decide
            continue
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page_id=page_id,
                permission=permission(apps, "wagtailcore", codename),
            )
    workflow = Workflow.objects.filter(name=workflow_name, active=True).first()
    if workflow and not WorkflowPage.objects.filter(page_id=page_id).exists():
        WorkflowPage.objects.create(page_id=page_id, workflow=workflow)
