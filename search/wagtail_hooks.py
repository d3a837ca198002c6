"""Admin for the article search: the popular searches editors approve (ApprovedSearchTerm), beside
Wagtail's promoted search results in Settings."""

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import ApprovedSearchTerm


class ApprovedSearchTermViewSet(SnippetViewSet):
    model = ApprovedSearchTerm
    icon = "search"
    menu_label = "Popular searches"
    menu_name = "popular-searches"
    add_to_settings_menu = True
    menu_order = 910  # after Wagtail's "Promoted search results" (900)
    list_display = ["query_string", "approved_at"]
    search_fields = ["query_string"]
    ordering = ["query_string"]


register_snippet(ApprovedSearchTermViewSet)
