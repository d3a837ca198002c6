"""Site-wide admin: the admin stylesheet, and the outbox (home/mail.py), where staff see emails
the task worker is still retrying or has given up on, and send them again."""

from django.contrib import admin
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.components import Component
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from . import mail
from .models import OutgoingEmail

RETRY_PERMISSION = "home.change_outgoingemail"
INDEX_URL_NAME = "home_outgoingemail_modeladmin_index"


@hooks.register("insert_global_admin_css")
def admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("home/admin.css"))


def retry_email(request, email_id):
    """Confirm, then give a failed (or stuck) email a fresh round of attempts (mail.retry)."""
    if not request.user.has_perm(RETRY_PERMISSION):
        return permission_denied(request)
    email = get_object_or_404(OutgoingEmail, pk=email_id)
    if not email.can_retry:
        messages.error(request, "That email has not failed; the worker is still on it.")
        return redirect(INDEX_URL_NAME)
    if request.method == "POST":
        mail.retry(email)
        messages.success(request, f"“{email}” is queued again.")
        return redirect(INDEX_URL_NAME)
    return TemplateResponse(
        request,
        "home/admin/retry-email.html",
        {
            "email": email,
            "max_attempts": mail.MAX_ATTEMPTS,
            "header_title": "Send again",
            "page_title": "Send again",
            "header_icon": "mail",
        },
    )


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
            return reverse("home_retry_email", args=[obj.pk]), "Send again", f"Send “{obj}” again"
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

    def get_admin_urls_for_registration(self):
        return super().get_admin_urls_for_registration() + (
            path("home/outgoingemail/<int:email_id>/retry/", retry_email, name="home_retry_email"),
        )


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
