"""Who moderates comments: the "Moderators" group, and Editors too.

Wagtail's own migrations create a "Moderators" group that may add, edit and publish every page
from the root and approve the default "Moderators approval" workflow. On this site Moderators
moderate readers' comments and nothing else: `set_up_moderation` (run by migration 0005) removes
their page, image and document permissions and their place in page workflows (the default
workflow's task is left to superusers), and gives them (and the Editors) the comment permissions.
Editors also see the newsletter's subscribers and issues.

Takes an app registry so the migration can pass its historical one.
"""

from django.apps import apps as global_apps

from home.access import permission
from home.groups import EDITORS, MODERATORS

COMMENT_PERMISSIONS = ["view_comment", "change_comment", "delete_comment"]
EDITOR_NEWSLETTER_PERMISSIONS = ["view_subscriber", "delete_subscriber", "view_newsletterissue"]


def _permissions(apps, app_label, codenames):
    return [permission(apps, app_label, codename) for codename in codenames]


def set_up_moderation(apps=global_apps):
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")

    access_admin = _permissions(apps, "wagtailadmin", ["access_admin"])
    comment_permissions = _permissions(apps, "articles", COMMENT_PERMISSIONS)

    moderators, _ = Group.objects.get_or_create(name=MODERATORS)
    GroupPagePermission.objects.filter(group=moderators).delete()
    GroupCollectionPermission.objects.filter(group=moderators).delete()
    for task in GroupApprovalTask.objects.filter(groups=moderators):
        task.groups.remove(moderators)
    # Wagtail's image and document permissions go too; what other apps grant stays theirs.
    moderators.permissions.remove(
        *moderators.permissions.filter(
            content_type__app_label__in=["wagtailimages", "wagtaildocs", "wagtailcore"]
        )
    )
    moderators.permissions.add(*access_admin, *comment_permissions)

    editors = Group.objects.filter(name=EDITORS).first()
    if editors is not None:  # created by articles/0003; renamed by an administrator: theirs
        editors.permissions.add(
            *comment_permissions, *_permissions(apps, "articles", EDITOR_NEWSLETTER_PERMISSIONS)
        )
