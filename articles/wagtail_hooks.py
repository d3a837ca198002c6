"""Admin for the publishing side: authors and topics as snippets, stricter content checks, comment
moderation and the newsletter's subscribers and issues (wagtail-modeladmin), and the app's own
admin URLs (admin_urls.py, namespace `articles_admin`); clinical reviewers, the editorial
content checks and the review-dates report and panel (review_admin.py)."""

from django.contrib import admin
from django.contrib.admin import DateFieldListFilter, RelatedOnlyFieldListFilter
from django.db.models import Count, Q
from django.urls import include, path, reverse
from django.utils.html import format_html
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.admin.userbar import ContentCheckerItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import EditView, IndexView

from . import admin_urls
from .admin_views import BULK_ACTIONS, MODERATE_PERMISSION
from .content_checks import AXE_CHECKS, AXE_MESSAGES, AXE_RULES
from .models import Author, ClinicalReviewer, Comment, NewsletterIssue, Subscriber, Topic
from .models.comments import excerpt
from .review_admin import REVIEW_REPORT_PERMISSION, ReviewDuePanel, report_menu_item


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


class ClinicalReviewerViewSet(SnippetViewSet):
    model = ClinicalReviewer
    icon = "success"
    menu_label = "Clinical reviewers"
    list_display = ["name", "credentials", "license_type", "license_state", "active"]
    search_fields = ["name"]
    ordering = ["name"]


class ArticleTaxonomyGroup(SnippetViewSetGroup):
    items = (AuthorViewSet, TopicViewSet, ClinicalReviewerViewSet)
    menu_icon = "doc-full-inverse"
    menu_label = "Authors & topics"
    menu_order = 250


register_snippet(ArticleTaxonomyGroup)


class ArticleContentChecker(ContentCheckerItem):
    """Wagtail's content checks (run in the editor's Checks panel and the userbar), aimed at the
    page's main content and adding the image and link checks an article most needs."""

    axe_include = ["main"]
    axe_run_only = ContentCheckerItem.axe_run_only + [
        "image-alt",
        "link-in-text-block",
        *(rule["id"] for rule in AXE_RULES),
    ]
    # Editorial checks (content_checks.py): sources for health claims, crisis resources.
    axe_custom_rules = ContentCheckerItem.axe_custom_rules + AXE_RULES
    axe_custom_checks = ContentCheckerItem.axe_custom_checks + AXE_CHECKS
    axe_messages = {**ContentCheckerItem.axe_messages, **AXE_MESSAGES}


@hooks.register("construct_wagtail_userbar")
def use_article_content_checker(request, items, page):
    for position, item in enumerate(items):
        if isinstance(item, ContentCheckerItem) and not isinstance(item, ArticleContentChecker):
            items[position] = ArticleContentChecker(in_editor=item.in_editor)


# Comment moderation and the newsletter (wagtail-modeladmin); the bulk moderation view is in
# admin_views.py, its URL in admin_urls.py.

STATUS_CLASSES = {
    Comment.Status.APPROVED: "w-status--primary",
    Comment.Status.PENDING: "w-status--label",
}


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("", include(admin_urls, namespace="articles_admin"))]


class CommentPermissionHelper(PermissionHelper):
    """Comments come from readers: nobody creates them in the admin."""

    def user_can_create(self, user):
        return False


class CommentIndexView(IndexView):
    """The moderation list, with checkboxes and bulk approve / reject / mark as spam."""

    @property
    def moderate_url(self):
        return reverse("articles_admin:moderate_comments")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_moderate"] = self.request.user.has_perm(MODERATE_PERMISSION)
        context["bulk_actions"] = [(action, label) for action, (_, label) in BULK_ACTIONS.items()]
        return context


class CommentEditView(EditView):
    def form_valid(self, form):
        if "status" in form.changed_data:
            form.instance.moderate(form.cleaned_data["status"], self.request.user)
        return super().form_valid(form)


class CommentAdmin(ModelAdmin):
    model = Comment
    menu_label = "Comments"
    menu_icon = "comment"
    menu_order = 260
    add_to_admin_menu = True
    permission_helper_class = CommentPermissionHelper
    index_view_class = CommentIndexView
    edit_view_class = CommentEditView
    index_template_name = "articles/admin/comment-index.html"
    index_view_extra_css = ["articles/comment-moderation.css"]
    index_view_extra_js = ["articles/comment-moderation.js"]
    inspect_view_enabled = True
    inspect_view_fields = ["article", "name", "website", "body", "created_at", "status"]
    list_display_add_buttons = "comment_excerpt"
    list_filter = (
        "status",
        ("article", RelatedOnlyFieldListFilter),
        ("created_at", DateFieldListFilter),
    )
    list_select_related = ("article",)
    list_per_page = 50
    ordering = ["-created_at", "-pk"]

    def get_list_display(self, request):
        columns = ["comment_excerpt", "name"]
        if request.user.has_perm(MODERATE_PERMISSION):
            columns = ["select", *columns, "email"]
        return [*columns, "article", "created_at", "status_label"]

    def get_search_fields(self, request):
        fields = ["name", "body", "article__title", "website"]
        if request.user.has_perm(MODERATE_PERMISSION):
            fields.append("email")
        return fields

    @admin.display(description="Select")
    def select(self, obj):
        return format_html(
            '<input type="checkbox" name="comment" value="{}" form="comment-bulk-form" '
            'class="comment-select" aria-label="Select the comment by {}">',
            obj.pk,
            obj.name,
        )

    @admin.display(description="Comment")
    def comment_excerpt(self, obj):
        return excerpt(obj.body, 100)

    @admin.display(description="Status", ordering="status")
    def status_label(self, obj):
        return format_html(
            '<span class="w-status {}">{}</span>',
            STATUS_CLASSES.get(obj.status, ""),
            obj.get_status_display(),
        )


class PendingCommentsPanel(Component):
    """The dashboard's "Comments awaiting moderation", for those who moderate."""

    name = "pending_comments"
    template_name = "articles/admin/pending-comments-panel.html"
    order = 205  # just above the pages waiting in workflows

    def get_context_data(self, parent_context):
        pending = Comment.objects.pending().select_related("article").order_by("created_at")
        return {
            "pending_count": pending.count(),
            "oldest": list(pending[:5]),
            "list_url": reverse("articles_comment_modeladmin_index")
            + f"?status__exact={Comment.Status.PENDING}",
        }


@hooks.register("construct_homepage_panels")
def add_pending_comments_panel(request, panels):
    if request.user.has_perm(MODERATE_PERMISSION):
        panels.append(PendingCommentsPanel())


@hooks.register("construct_homepage_panels")
def add_review_due_panel(request, panels):
    if request.user.has_perm(REVIEW_REPORT_PERMISSION):
        panels.append(ReviewDuePanel())


@hooks.register("register_reports_menu_item")
def register_review_due_report():
    return report_menu_item()


class ReadOnlyPermissionHelper(PermissionHelper):
    """Records kept by the site itself: listed and inspected, never edited by hand."""

    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False


class SubscriberPermissionHelper(ReadOnlyPermissionHelper):
    """Subscribers sign up and leave by themselves (double opt-in); staff may delete one on
    request (e.g. an erasure request)."""


class SubscriberAdmin(ModelAdmin):
    model = Subscriber
    menu_label = "Subscribers"
    menu_icon = "mail"
    permission_helper_class = SubscriberPermissionHelper
    inspect_view_enabled = True
    list_display = ["email", "status", "created_at", "confirmed_at", "unsubscribed_at"]
    list_filter = ("status", ("confirmed_at", DateFieldListFilter))
    list_export = [
        "email",
        "status",
        "created_at",
        "consented_at",
        "confirmed_at",
        "unsubscribed_at",
    ]
    export_filename = "newsletter-subscribers"
    search_fields = ["email"]
    ordering = ["-created_at"]


class NewsletterIssueAdmin(ModelAdmin):
    model = NewsletterIssue
    menu_label = "Issues sent"
    menu_icon = "doc-full"
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_display = ["subject", "period_end", "started_at", "completed_at", "sent", "failed"]
    ordering = ["-period_end"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .annotate(
                sent_count=Count("deliveries", filter=Q(deliveries__status="sent")),
                failed_count=Count("deliveries", filter=Q(deliveries__status="failed")),
            )
        )

    @admin.display(description="Sent", ordering="sent_count")
    def sent(self, obj):
        return obj.sent_count

    @admin.display(description="Failed", ordering="failed_count")
    def failed(self, obj):
        return obj.failed_count


class NewsletterGroup(ModelAdminGroup):
    menu_label = "Newsletter"
    menu_icon = "mail"
    menu_order = 270
    items = (SubscriberAdmin, NewsletterIssueAdmin)


modeladmin_register(CommentAdmin)
modeladmin_register(NewsletterGroup)
