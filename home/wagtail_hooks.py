"""Site-wide admin: the admin stylesheet, and the outbox (home/mail.py), where staff see emails
the task worker is still retrying or has given up on, and send them again (the view in
admin_views.py, its URL in admin_urls.py, namespace `home_admin`)."""

from django.contrib import admin
from django.templatetags.static import static
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from . import admin_urls
from .admin_views import INDEX_URL_NAME, RETRY_PERMISSION
from .frontend_cache import page_key, tag_request
from .models import OutgoingEmail
from .public_forms import check_page_post


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("home/admin.css"))


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include(admin_urls, namespace="home_admin"))]


class OutgoingEmailPermissionHelper(PermissionHelper):
    """Written by the site itself: listed, inspected, sent again or discarded, never edited."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False


class ActionButtonHelper(ButtonHelper):
    """A modeladmin row's buttons and one more, where `action_button(obj)` gives its
    (url, label, title); None for no button. Used by the other apps' admins too."""

    def action_button(self, obj):
        return None

    def get_buttons_for_obj(self, obj, **kwargs):
        buttons = super().get_buttons_for_obj(obj, **kwargs)
        action = self.action_button(obj)
        if action:
            url, label, title = action
            buttons.append(
                {
                    "url": url,
                    "label": label,
                    "classname": "button button-small button-secondary",
                    "title": title,
                }
            )
        return buttons


class OutgoingEmailButtonHelper(ActionButtonHelper):
    def action_button(self, obj):
        if obj.can_retry and self.request.user.has_perm(RETRY_PERMISSION):
            url = reverse("home_admin:retry_email", args=[obj.pk])
            return url, "Send again", f"Send “{obj}” again"
        return None


class OutgoingEmailAdmin(ModelAdmin):
    model = OutgoingEmail
    menu_label = "Outgoing email"
    menu_icon = "mail"
    menu_order = 900
    add_to_settings_menu = True
    permission_helper_class = OutgoingEmailPermissionHelper
    button_helper_class = OutgoingEmailButtonHelper
    inspect_view_enabled = True
    inspect_view_fields = [
        "kind",
        "recipient",
        "status",
        "attempts",
        "last_error",
        "created_at",
        "last_attempt_at",
        "next_attempt_at",
    ]
    list_display = ["kind", "recipient", "status", "attempts", "error", "last_attempt_at"]
    list_filter = ["status", "kind"]
    search_fields = ["recipient", "kind"]
    ordering = ["-created_at"]

    @admin.display(description="Last error")
    def error(self, obj):
        return obj.last_error[:120]


modeladmin_register(OutgoingEmailAdmin)


class FailedEmailsPanel(Component):
    """The dashboard says when emails failed for good, so nobody has to remember to look."""

    name = "failed_emails"
    template_name = "home/admin/failed-emails-panel.html"
    order = 50  # at the top: someone is waiting for these emails

    def __init__(self, failed):
        self.failed = failed

    def get_context_data(self, parent_context):
        return {
            "failed_count": self.failed.count(),
            "latest": self.failed.first(),
            "list_url": reverse(INDEX_URL_NAME) + f"?status__exact={OutgoingEmail.Status.FAILED}",
        }


@hooks.register("construct_homepage_panels")
def add_failed_emails_panel(request, panels):
    failed = OutgoingEmail.objects.filter(status=OutgoingEmail.Status.FAILED)
    if request.user.has_perm(RETRY_PERMISSION) and failed.exists():
        panels.append(FailedEmailsPanel(failed))


# Page serving is exempt from Django's CSRF middleware (site/urls.py) so pages with public forms
# can be cached; this puts the check back, per page (home/public_forms.py).
hooks.register("before_serve_page", check_page_post)


@hooks.register("before_serve_page")
def tag_with_page_key(page, request, serve_args, serve_kwargs):
    """Every URL a page serves carries its surrogate key, so one purge drops them all."""
    tag_request(request, page_key(page.pk))
