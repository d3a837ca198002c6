"""Admin for the publishing side: authors and topics as snippets, and stricter content checks."""

from wagtail import hooks
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Author, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = "Topics"
    list_display = ["name", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class AuthorViewSet(SnippetViewSet):
    model = Author
    icon = "user"
    menu_label = "Authors"
    list_display = ["name", "credentials", "slug"]
    search_fields = ["name"]
    ordering = ["name"]


class ArticleTaxonomyGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, TopicViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = "Authors & topics"
    menu_order = 250


register_snippet(ArticleTaxonomyGroup)


class ArticleContentChecker(ContentCheckerItem):
    """Wagtail's content checks (run in the editor's Checks panel and the userbar), aimed at the
    page's main content and adding the image and link checks an article most needs."""

    axe_include = ["main"]
    axe_run_only = ContentCheckerItem.axe_run_only + ["image-alt", "link-in-text-block"]


@hooks.register("construct_wagtail_userbar")
def use_article_content_checker(request, items, page):
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ArticleContentChecker):
            items[position] = ArticleContentChecker(in_editor=item.in_editor)
