"""The therapist's side of the Wagtail admin: the dashboard panel, "accepting new clients"
confirmation and their contact messages. Everything is looked up through the signed-in user's own
profile, so another therapist's message id is a 404."""

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST
from wagtail.admin import messages
from wagtail.admin.ui.components import Component
from wagtail.models import Page, Revision, TaskState

from home.models import SiteSettings

from .admin_access import is_therapist, own_profile
from .models import ContactMessage, TherapistProfilePage, accepting_cutoff

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
        return {
            "profile": profile,
            "status": profile_status(profile),
            "status_label": STATUS_LABELS[profile_status(profile)],
            "review": last_review_comment(profile),
            "accepting_current": profile.is_accepting(accepting_cutoff(site_settings)),
            "valid_days": site_settings.accepting_clients_valid_days,
            "recent_messages": list(messages_qs[:5]),
            "unread_count": messages_qs.filter(read_at__isnull=True).count(),
            "open_count": messages_qs.filter(handled_at__isnull=True).count(),
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
    """ "Still accepting new clients?" Yes: today's date, on the live page and the latest draft.

    A fact, not content: it goes live without review. The latest revision is updated too, so
    publishing a pending draft later does not bring back the old date.
    """
    profile = _therapist_profile(request)
    today = timezone.localdate()
    TherapistProfilePage.objects.filter(pk=profile.pk).update(
        accepting_new_clients=True, accepting_confirmed_on=today
    )
    revision = Revision.page_revisions.filter(object_id=str(profile.pk)).order_by("-pk").first()
    if revision is not None:
        revision.content["accepting_new_clients"] = True
        revision.content["accepting_confirmed_on"] = today.isoformat()
        revision.save(update_fields=["content"])
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
        return redirect("therapist_messages")
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
    from wagtail.admin.auth import permission_denied

    from . import accounts
    from .models import TherapistAccount
    from .models.pages import VERIFY_LICENSE_PERMISSION

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


def admin_urls():
    from django.urls import path

    return [
        path("my-profile/", my_profile, name="therapist_my_profile"),
        path("my-profile/accepting/", confirm_accepting, name="therapist_confirm_accepting"),
        path("my-messages/", message_list, name="therapist_messages"),
        path("my-messages/<int:message_id>/", message_detail, name="therapist_message"),
    ]


def edit_url(profile):
    return reverse("wagtailadmin_pages:edit", args=[profile.pk])
