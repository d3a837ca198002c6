from django.apps import AppConfig
from django.db.models.signals import post_save

# Model-free (it takes the app registry as an argument), so loadable before the models are.
from .access import grant_on_directory


def _grant_on_new_directory(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        grant_on_directory(instance.pk)


class TherapistsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "therapists"
    verbose_name = "Therapist directory"

    def ready(self):
        from wagtail.models import Page
        from wagtail.permissions import register_permission_policy

        from home.frame import forget_frame_on_change

        from . import replies, signals  # noqa: F401
        from .admin_access import DirectoryPagePermissionPolicy
        from .models import Issue, TherapistIndexPage

        # A new directory page gets the Therapists' and staff's permissions and the workflow.
        post_save.connect(
            _grant_on_new_directory,
            sender=TherapistIndexPage,
            dispatch_uid="therapists_grant_on_directory",
        )
        # The "Find the Right Therapist" prompt's issues are part of the cached frame.
        forget_frame_on_change(Issue)
        # Every page model's policy (Wagtail looks it up by class, nearest ancestor first). Here
        # rather than in wagtail_hooks.py, which Wagtail loads lazily: no permission check may
        # run with Wagtail's own policy first.
        register_permission_policy(Page, DirectoryPagePermissionPolicy(Page))
