"""The publishing side's own admin URLs, under /admin/ (wagtail_hooks.py includes them with the
`articles_admin` namespace): the comment list's bulk moderation and the report of articles due
for review."""

from django.urls import path

from . import admin_views
from .review_admin import ReviewDueReport

app_name = "articles_admin"
urlpatterns = [
    path(
        "articles/comment/moderate/",
        admin_views.moderate_comments,
        name="moderate_comments",
    ),
    path("reports/review-due/", ReviewDueReport.as_view(), name="review_due"),
    path(
        "reports/review-due/results/",
        ReviewDueReport.as_view(results_only=True),
        name="review_due_results",
    ),
]
