"""The outbox's "Send again" (home/mail.py retry), linked from each failed email's row in
Settings › Outgoing email (wagtail_hooks.py); its URL is in admin_urls.py."""

from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied

from . import mail
from .models import OutgoingEmail

RETRY_PERMISSION = "home.change_outgoingemail"
INDEX_URL_NAME = "home_outgoingemail_modeladmin_index"


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
