"""What a therapist may see and do in the Wagtail admin: their own profile and uploads only.

Three layers, each closing what the one before leaves open:

- Wagtail's ownership model: the Therapists group has `add` on the directory index, so a therapist
  may edit the profile they own, submit it for review and never publish (access.py).
- The page permission policy (`DirectoryPagePermissionPolicy`, registered for every page model in
  apps.py) hides other therapists' profiles from everything Wagtail builds on it: explorer, admin
  search, the admin API behind the page menu, reports. The explorer's "Owner" and "Edited by"
  filters list only the therapist themselves (`DirectoryPageFilterSet`, wagtail_hooks.py).
- `TherapistAdminGuard` (middleware) answers any admin URL naming another therapist's profile
  (edit, preview, revisions, history, workflow, chooser, API) with a 404, so not even its existence
  leaks, and refuses the actions a therapist never needs (adding pages, deleting, moving, copying,
  unpublishing, locking, privacy, bulk actions, reports).
"""

import re

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect
from django.urls import NoReverseMatch, reverse
from wagtail.admin import messages
from wagtail.admin.auth import permission_denied
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.groups import THERAPISTS

from .models import TherapistProfilePage

_CACHE = "_therapist_flags"


def is_therapist(user):
    """A member of the Therapists group who is not staff (superusers and staff see everything)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.is_superuser:
        return False
    cached = getattr(user, _CACHE, None)
    if cached is None:
        cached = user.groups.filter(name=THERAPISTS).exists()
        setattr(user, _CACHE, cached)
    return cached


def own_profile(user):
    """The therapist's profile page (specific), or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return TherapistProfilePage.objects.filter(owner=user).order_by("pk").first()


def _profile_content_type_id():
    return ContentType.objects.get_for_model(TherapistProfilePage).pk


def hide_others_profiles(queryset, user):
    """The queryset of pages without the profiles other people own, for a therapist."""
    if not is_therapist(user):
        return queryset
    return queryset.exclude(Q(content_type_id=_profile_content_type_id()) & ~Q(owner=user))


class DirectoryPagePermissionPolicy(PagePermissionPolicy):
    """Wagtail's page policy, except that a therapist never finds another therapist's profile."""

    def explorable_instances(self, user):
        return hide_others_profiles(super().explorable_instances(user), user)

    def instances_user_has_any_permission_for(self, user, actions):
        return hide_others_profiles(
            super().instances_user_has_any_permission_for(user, actions), user
        )


def only_themselves(users, request):
    """The users a page listing's "Owner" or "Edited by" filter offers: for a therapist, only
    themselves (Wagtail lists every page owner and editor by name)."""
    if is_therapist(request.user):
        return get_user_model().objects.filter(pk=request.user.pk)
    return users


# Admin paths naming a page: /admin/pages/<id>/…, /admin/pages/workflow/<action>/<id>/…,
# /admin/choose-page/<id>/, /admin/api/main/pages/<id>/.
_PAGE_ID = re.compile(
    r"^(?:pages/(?:workflow/[a-z_]+/)?|choose-page/|api/main/pages/)(?P<id>[0-9]+)/(?P<rest>.*)$"
)
# What a therapist never does to a page, their own included ("remove my listing" unpublishes).
_REFUSED_ACTIONS = re.compile(
    r"^(?:add_subpage|delete|unpublish|convert_alias|move|set_position|copy|privacy|lock|unlock"
    r"|revisions/[0-9]+/unschedule)/"
)
_REFUSED_AREAS = ("pages/add/", "pages/create/", "bulk/", "reports/", "workflows/", "users/")


class TherapistAdminGuard:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        try:
            admin_root = reverse("wagtailadmin_home")
        except NoReverseMatch:  # a URLconf without the admin (some tests)
            return None
        if not request.path.startswith(admin_root) or not is_therapist(request.user):
            return None
        path = request.path[len(admin_root) :]
        if path.startswith(_REFUSED_AREAS) or path.startswith("pages/usage/"):
            if path.startswith(("pages/add/", "pages/create/")):
                return self._one_profile_only(request)
            return permission_denied(request)
        match = _PAGE_ID.match(path)
        if match is None:
            return None
        page = Page.objects.filter(pk=match["id"]).values("content_type_id", "owner_id").first()
        if page is None:
            return None  # Wagtail's own 404
        if page["content_type_id"] == _profile_content_type_id() and page["owner_id"] != (
            request.user.pk
        ):
            raise Http404("No such page.")
        rest = match["rest"]
        if rest.startswith("add_subpage/"):
            return self._one_profile_only(request)
        if _REFUSED_ACTIONS.match(rest):
            return permission_denied(request)
        return None

    def _one_profile_only(self, request):
        profile = own_profile(request.user)
        messages.error(
            request,
            "You have one profile page, and it is the only page you can have. Edit it instead.",
        )
        if profile is not None:
            return redirect("wagtailadmin_pages:edit", profile.pk)
        return redirect("wagtailadmin_home")
