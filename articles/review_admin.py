"""The editors' view of review dates: Reports › Articles due for review, and the dashboard panel
with the counts (hooks in wagtail_hooks.py, the URLs in admin_urls.py)."""

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.components import Component
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.reports import ReportView

from .review_dates import due_for_review, review_counts

# Those who answer for review dates: Editors (given it by migration 0009) and superusers.
REVIEW_REPORT_PERMISSION = "articles.waive_clinical_review"


class ReviewStatusColumn(Column):
    def get_value(self, instance):
        if instance.review_due < timezone.localdate():
            return "Overdue"
        return "Due soon"


class ReviewDueReport(ReportView):
    page_title = "Articles due for review"
    header_icon = "time"
    index_url_name = "articles_admin:review_due"
    index_results_url_name = "articles_admin:review_due_results"
    columns = [
        TitleColumn("title", label="Article", url_name="wagtailadmin_pages:edit"),
        ReviewStatusColumn("status", label="Status"),
        DateColumn("review_due", label="Due"),
        DateColumn("last_reviewed", label="Last reviewed"),
        Column("reviewed_by", label="Reviewed by"),
    ]
    list_export = ["title", "review_due", "last_reviewed", "reviewed_by"]
    export_headings = {"review_due": "Due", "last_reviewed": "Last reviewed"}

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(REVIEW_REPORT_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return due_for_review()

    def get_filename(self):
        return f"articles-due-for-review-{timezone.localdate().isoformat()}"


class ReviewReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(REVIEW_REPORT_PERMISSION)


def report_menu_item():
    return ReviewReportMenuItem(
        "Articles due for review",
        reverse("articles_admin:review_due"),
        name="articles-due-for-review",
        icon_name="time",
        order=150,
    )


class ReviewDuePanel(Component):
    name = "articles_due_for_review"
    template_name = "articles/admin/review-due-panel.html"
    order = 120

    def get_context_data(self, parent_context):
        return {**review_counts(), "report_url": reverse("articles_admin:review_due")}
