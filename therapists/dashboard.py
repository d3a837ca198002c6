"""The therapist's side of the Wagtail admin: the dashboard panel, "accepting new clients"
confirmation and their contact messages; and staff's restoring of a removed listing. Everything a
therapist sees is looked up through the signed-in user's own profile, so another therapist's
message id is a 404. The URLs are in admin_urls.py."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TaskState

from home.models import SiteSettings

from . import accounts
from .admin_access import is_therapist, own_profile
from .insight_chart import insight_context
from .models import ContactMessage, ProfileAvailability, TherapistAccount, accepting_cutoff
from .models.pages import VERIFY_LICENSE_PERMISSION
from .replies import unanswered_by_age

STATUS_LABELS = {
    "draft": "Draft: not yet submitted",
    "in_review": "In review: our staff are checking it",
    "live": "Live in the directory",
    "changes_pending": "Live; your latest changes are not yet submitted",
    "changes_in_review": "Live; your latest changes are in review",
}


def profile_status(profile):
    in_review = profile.workflow_in_progress
    if not profile.live:
        return "in_review" if in_review else "draft"
    if in_review:
        return "changes_in_review"
    return "changes_pending" if profile.has_unpublished_changes else "live"


def last_review_comment(profile):
    """The staff comment of the latest review that asked for changes, if it came last."""
    state = (
        TaskState.objects.filter(
            workflow_state__base_content_type=ContentType.objects.get_for_model(Page),
            workflow_state__object_id=str(profile.pk),
        )
        .exclude(status__in=[TaskState.STATUS_IN_PROGRESS, TaskState.STATUS_SKIPPED])
        .order_by("-finished_at", "-pk")
        .first()
    )
    if state is None or state.status != TaskState.STATUS_REJECTED:
        return None
    return state


class TherapistPanel(Component):
    name = "therapist_profile"
    template_name = "therapists/admin/therapist-panel.html"
    order = 50

    def __init__(self, profile):
        self.profile = profile

    def get_context_data(self, parent_context):
        profile = self.profile
        request = parent_context["request"]
        site_settings = SiteSettings.for_request(request)
        messages_qs = ContactMessage.objects.filter(profile=profile)
        availability = profile.get_availability()
        return {
            "profile": profile,
            "status": profile_status(profile),
            "status_label": STATUS_LABELS[profile_status(profile)],
            "review": last_review_comment(profile),
            "availability": availability,
            "accepting_current": availability.is_current(accepting_cutoff(site_settings)),
            "valid_days": site_settings.accepting_clients_valid_days,
            "recent_messages": list(messages_qs[:5]),
            "unread_count": messages_qs.filter(read_at__isnull=True).count(),
            "open_count": messages_qs.filter(handled_at__isnull=True).count(),
            "unanswered_groups": unanswered_by_age(profile),
            "insight": insight_context(profile),
        }


def _therapist_profile(request):
    if not is_therapist(request.user):
        raise Http404("These pages are for therapists listed in the directory.")
    profile = own_profile(request.user)
    if profile is None:
        raise Http404("You have no profile.")
    return profile


@require_POST
def confirm_accepting(request):
    """ "Still accepting new clients?" Yes: accepting, as of today.

    A fact, not content (ProfileAvailability): it goes live at once, without review, and
    leaves the page and its revisions alone.
    """
    profile = _therapist_profile(request)
    today = timezone.localdate()
    ProfileAvailability.objects.update_or_create(
        profile=profile, defaults={"accepting_new_clients": True, "confirmed_on": today}
    )
    messages.success(
        request, f"Thank you: you are shown as accepting new clients ({today:%B %-d, %Y})."
    )
    return redirect("wagtailadmin_home")


def message_list(request):
    profile = _therapist_profile(request)
    page = Paginator(ContactMessage.objects.filter(profile=profile), 20).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request,
        "therapists/admin/message-list.html",
        {
            "profile": profile,
            "page_obj": page,
            "header_title": "Your messages",
            "page_title": "Your messages",
            "page_subtitle": profile.title,
            "header_icon": "mail",
        },
    )


def message_detail(request, message_id):
    profile = _therapist_profile(request)
    message = get_object_or_404(ContactMessage, pk=message_id, profile=profile)
    if request.method == "POST":
        handled = request.POST.get("handled") == "1"
        message.handled_at = timezone.now() if handled else None
        message.save(update_fields=["handled_at"])
        messages.success(request, "Marked as handled." if handled else "Marked as open again.")
        return redirect("therapists_admin:messages")
    if message.read_at is None:
        message.read_at = timezone.now()
        message.save(update_fields=["read_at"])
    return TemplateResponse(
        request,
        "therapists/admin/message-detail.html",
        {
            "profile": profile,
            "message": message,
            "header_title": f"Message from {message.name}",
            "page_title": f"Message from {message.name}",
            "header_icon": "mail",
        },
    )


def restore_account(request, account_id):
    """Staff: confirm, then restore a removed listing (accounts.restore_listing)."""
    if not request.user.has_perm(VERIFY_LICENSE_PERMISSION):
        return permission_denied(request)
    account = get_object_or_404(TherapistAccount.objects.select_related("user"), pk=account_id)
    if account.removed_at is None:
        messages.error(request, f"{account.name}'s listing was not removed; nothing to restore.")
        return redirect("therapists_therapistaccount_modeladmin_index")
    if request.method == "POST":
        accounts.restore_listing(account, request.user)
        messages.success(request, f"{account.name}'s account and listing are restored.")
        return redirect("therapists_therapistaccount_modeladmin_index")
    return TemplateResponse(
        request,
        "therapists/admin/restore-account.html",
        {
            "account": account,
            "header_title": f"Restore {account.name}",
            "page_title": f"Restore {account.name}",
            "header_icon": "group",
        },
    )


def my_profile(request):
    return redirect(edit_url(_therapist_profile(request)))


def edit_url(profile):
    return reverse("wagtailadmin_pages:edit", args=[profile.pk])
