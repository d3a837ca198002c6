"""The comment list's bulk moderation (approve, reject, mark as spam, back to pending), posted
from the list's checkboxes (wagtail_hooks.py, CommentIndexView); its URL is in admin_urls.py."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from wagtail.admin import messages

from .models import Comment

MODERATE_PERMISSION = "articles.change_comment"
BULK_ACTIONS = {
    "approve": (Comment.Status.APPROVED, "Approve"),
    "reject": (Comment.Status.REJECTED, "Reject"),
    "spam": (Comment.Status.SPAM, "Mark as spam"),
    "pending": (Comment.Status.PENDING, "Back to pending"),
}
BULK_DONE = {
    "approve": "approved",
    "reject": "rejected",
    "spam": "marked as spam",
    "pending": "moved back to pending",
}


@require_POST
def moderate_comments(request):
    """Apply one moderation decision to the selected comments, then go back to the list."""
    if not request.user.has_perm(MODERATE_PERMISSION):
        raise PermissionDenied
    index_url = reverse("articles_comment_modeladmin_index")
    next_url = request.POST.get("next", "")
    if not next_url.startswith(index_url) or not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}
    ):
        next_url = index_url
    action = request.POST.get("action", "")
    ids = [value for value in request.POST.getlist("comment") if value.isdigit()]
    if action not in BULK_ACTIONS:
        messages.error(request, "Choose what to do with the selected comments.")
    elif not ids:
        messages.warning(request, "Select at least one comment first.")
    else:
        status = BULK_ACTIONS[action][0]
        count = 0
        with transaction.atomic():
            # Oldest first, so comments approved together are numbered in the order they came.
            for comment in Comment.objects.filter(pk__in=ids).order_by("created_at", "pk"):
                comment.moderate(status, request.user)
                comment.save()  # a first approval gives the comment its number
                count += 1
        messages.success(request, f"{count} comment{pluralize(count)} {BULK_DONE[action]}.")
    return redirect(next_url)
