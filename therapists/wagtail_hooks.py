"""Admin screens: the directory's vocabularies (snippets) and contact messages (modeladmin)."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import Approach, ContactMessage, Identity, Insurer, Issue, Language, Profession


def _taxonomy_viewset(taxonomy, icon):
    return type(
        f"{taxonomy.__name__}ViewSet",
        (SnippetViewSet,),
        {
            "model": taxonomy,
            "icon": icon,
            "list_display": ["name", "slug"],
            "search_fields": ["name"],
            "ordering": ["name"],
        },
    )


class DirectoryTaxonomies(SnippetViewSetGroup):
    menu_label = "Directory lists"
    menu_icon = "list-ul"
    menu_order = 310
    items = [
        _taxonomy_viewset(Issue, "warning"),
        _taxonomy_viewset(Approach, "cogs"),
        _taxonomy_viewset(Profession, "user"),
        _taxonomy_viewset(Language, "globe"),
        _taxonomy_viewset(Insurer, "doc-full"),
        _taxonomy_viewset(Identity, "group"),
    ]


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
