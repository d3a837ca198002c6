"""Admin screens: the directory's vocabularies (snippets), contact messages and therapist accounts
(modeladmin), its admin URLs (admin_urls.py), the page explorer's filters, the availability the
profile editor answers, and the therapist's own corner of the admin (menu, dashboard panel)."""

from django.contrib.admin import display as admin_display
from django.db.models import Count, Q
from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.pages import PageViewSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from home.wagtail_hooks import ActionButtonHelper

from . import admin_urls, dashboard
from .admin_access import hide_others_profiles, is_therapist, only_themselves, own_profile
from .facets import VOCABULARY_FACETS
from .insight_chart import SiteInsightPanel
from .models import ContactMessage, ListingReport, TherapistAccount, TherapistProfilePage
from .models.availability import save_pending_availability
from .models.pages import VERIFY_LICENSE_PERMISSION
from .models.reports import REPORTS_TO_FLAG


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include(admin_urls, namespace="therapists_admin"))]


def _taxonomy_viewset(facet):
    return type(
        f"{facet.model.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": facet.model,
            "icon": facet.icon,
            "list_display": ["name", "slug"],
            "search_fields": ["name"],
            "ordering": ["name"],
        },
    )


class DirectoryTaxonomies(SnippetViewSetGroup):
    """The vocabularies of Advanced Search (facets.py), in its order."""

    menu_label = "Directory lists"
    menu_icon = "list-ul"
    menu_order = 310
    items = [_taxonomy_viewset(facet) for facet in VOCABULARY_FACETS]


register_snippet(DirectoryTaxonomies)


class ContactMessagePermissionHelper(PermissionHelper):
    """Messages come from visitors only: staff read them and mark them handled."""

    def user_can_create(self, user):
        return False


class ContactMessageAdmin(ModelAdmin):
    model = ContactMessage
    menu_label = "Therapist messages"
    menu_icon = "mail"
    menu_order = 320
    permission_helper_class = ContactMessagePermissionHelper
    inspect_view_enabled = True
    inspect_view_fields = [
        "profile",
        "name",
        "email",
        "phone",
        "message",
        "consent",
        "created_at",
        "email_sent",
        "read_at",
        "handled_at",
    ]
    list_display = ["created_at", "profile", "name", "email", "email_sent", "handled_at"]
    list_filter = ["email_sent", "created_at"]
    search_fields = ["name", "email", "message", "profile__title"]
    ordering = ["-created_at"]
    list_select_related = ["profile"]


modeladmin_register(ContactMessageAdmin)


class ListingReportPermissionHelper(PermissionHelper):
    """Reports come from visitors only: directory staff (who verify licenses) check them."""

    def user_can_list(self, user):
        return user.has_perm(VERIFY_LICENSE_PERMISSION)

    def user_can_inspect_obj(self, user, obj):
        return user.has_perm(VERIFY_LICENSE_PERMISSION)

    def user_can_edit_obj(self, user, obj):
        return user.has_perm(VERIFY_LICENSE_PERMISSION)

    def user_can_create(self, user):
        return False

    def user_can_delete_obj(self, user, obj):
        return user.is_superuser


class ListingReportAdmin(ModelAdmin):
    """The queue of visitors' reports, open ones first; a profile with REPORTS_TO_FLAG or more
    open reports is flagged in the list (and its staff were emailed: reports.py)."""

    model = ListingReport
    menu_label = "Listing reports"
    menu_icon = "warning"
    menu_order = 325
    permission_helper_class = ListingReportPermissionHelper
    inspect_view_enabled = True
    inspect_view_fields = ["profile", "reason", "details", "reporter_email", "created_at"]
    list_display = ["created_at", "profile", "reason", "status", "flagged"]
    list_filter = ["status", "reason"]
    search_fields = ["profile__title", "details"]
    list_select_related = ["profile"]

    # "open" sorts after "dismissed" and "corrected": descending puts open reports first.
    ordering = ["-status", "-created_at"]

    def get_queryset(self, request):
        open_reports = Count("profile__reports", filter=Q(profile__reports__status="open"))
        return super().get_queryset(request).annotate(profile_open_reports=open_reports)

    @admin_display(description="Open reports on this profile")
    def flagged(self, obj):
        count = obj.profile_open_reports
        return f"{count}: flagged" if count >= REPORTS_TO_FLAG else str(count)


modeladmin_register(ListingReportAdmin)


# Therapists in the admin (docs/permissions.md): their own profile, uploads and messages.
# admin_access.py hides and refuses everything else; these hooks shape what they see.


class DirectoryPageFilterSet(PageViewSet.filterset_class):
    """Wagtail's page listing filters; a therapist's "Owner" and "Edited by" lists hold only
    themselves, not every page owner and editor by name (admin_access.py)."""

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        super().__init__(data, queryset, request=request, prefix=prefix)
        for name in ("owner", "edited_by"):
            user_filter = self.filters.get(name)
            if user_filter is not None and request is not None:
                user_filter.queryset = only_themselves(user_filter.get_queryset(request), request)


class DirectoryPageViewSet(PageViewSet):
    """The page explorer (Wagtail's default page viewset), with those filters."""

    filterset_class = DirectoryPageFilterSet


@hooks.register("register_admin_viewset")
def register_page_viewset():
    return DirectoryPageViewSet()


@hooks.register("after_create_page")
@hooks.register("after_edit_page")
def save_availability(request, page):
    """The availability the profile editor answered (models/availability.py), once the page
    is saved."""
    if isinstance(page, TherapistProfilePage):
        save_pending_availability(page)


@hooks.register("construct_explorer_page_queryset")
def hide_others_profiles_in_explorer(parent_page, pages, request):
    return hide_others_profiles(pages, request.user)


@hooks.register("construct_page_chooser_queryset")
def hide_others_profiles_in_chooser(pages, request):
    return hide_others_profiles(pages, request.user)


# Menu items a therapist keeps (by name); everything else is staff's.
THERAPIST_MENU = {"my-profile", "my-messages", "images", "documents"}


@hooks.register("construct_main_menu", order=100)
def therapist_menu(request, menu_items):
    if is_therapist(request.user):
        menu_items[:] = [item for item in menu_items if item.name in THERAPIST_MENU]


class TherapistMenuItem(MenuItem):
    def is_shown(self, request):
        return is_therapist(request.user)


@hooks.register("register_admin_menu_item")
def my_profile_menu_item():
    return TherapistMenuItem(
        "My profile",
        reverse("therapists_admin:my_profile"),
        name="my-profile",
        icon_name="user",
        order=1,
    )


@hooks.register("register_admin_menu_item")
def my_messages_menu_item():
    return TherapistMenuItem(
        "My messages",
        reverse("therapists_admin:messages"),
        name="my-messages",
        icon_name="mail",
        order=2,
    )


# Last (order=100), so panels and summary items other apps add are filtered too.
@hooks.register("construct_homepage_panels", order=100)
def therapist_dashboard(request, panels):
    if not is_therapist(request.user):
        if request.user.has_perm(VERIFY_LICENSE_PERMISSION):  # directory staff
            panels.append(SiteInsightPanel())
        return
    profile = own_profile(request.user)
    # The site-wide panels (summary counts, others' work) are staff's; theirs is their own.
    panels[:] = [
        panel
        for panel in panels
        if getattr(panel, "name", "") == "user_objects_in_workflow_moderation"
    ]
    if profile is not None:
        panels.insert(0, dashboard.TherapistPanel(profile))


@hooks.register("construct_homepage_summary_items", order=100)
def no_site_summary_for_therapists(request, items):
    if is_therapist(request.user):
        items.clear()


class TherapistAccountPermissionHelper(PermissionHelper):
    """Directory staff (those who verify licenses) see accounts and restore removed listings."""

    def user_can_list(self, user):
        return user.has_perm(VERIFY_LICENSE_PERMISSION)

    def user_can_inspect_obj(self, user, obj):
        return user.has_perm(VERIFY_LICENSE_PERMISSION)

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class TherapistAccountButtonHelper(ActionButtonHelper):
    def action_button(self, obj):
        if obj.removed_at and self.permission_helper.user_can_inspect_obj(self.request.user, obj):
            url = reverse("therapists_admin:restore_account", args=[obj.pk])
            return url, "Restore", f"Restore {obj.name}'s account and listing"
        return None


class TherapistAccountAdmin(ModelAdmin):
    model = TherapistAccount
    menu_label = "Therapist accounts"
    menu_icon = "group"
    menu_order = 330
    permission_helper_class = TherapistAccountPermissionHelper
    button_helper_class = TherapistAccountButtonHelper
    inspect_view_enabled = True
    inspect_view_fields = [
        "name",
        "user",
        "profession",
        "license_type",
        "license_number",
        "license_state",
        "zip_code",
        "created_at",
        "terms_accepted_at",
        "verified_at",
        "removed_at",
        "profile",
    ]
    list_display = ["name", "user", "license_state", "created_at", "verified_at", "removed_at"]
    list_filter = ["verified_at", "removed_at", "license_state"]
    search_fields = ["name", "user__email", "license_number"]
    ordering = ["-created_at"]
    list_select_related = ["user"]


modeladmin_register(TherapistAccountAdmin)
