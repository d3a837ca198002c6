"""The site-wide admin URLs, under /admin/ (wagtail_hooks.py includes them with the `home_admin`
namespace): sending a failed email again."""

from django.urls import path

from . import admin_views

app_name = "home_admin"
urlpatterns = [
    path(
        "home/outgoingemail/<int:email_id>/retry/",
        admin_views.retry_email,
        name="retry_email",
    ),
]
