"""The publishing side's own admin URLs, under /admin/ (wagtail_hooks.py includes them with the
`articles_admin` namespace): the comment list's bulk moderation."""

from django.urls import path

from . import admin_views

app_name = "articles_admin"
urlpatterns = [
    path(
        "articles/comment/moderate/",
        admin_views.moderate_comments,
        name="moderate_comments",
    ),
]
