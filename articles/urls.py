"""The publishing side's own URLs (site/urls.py includes them before Wagtail's pages)."""

from django.urls import path

from . import views

urlpatterns = [
    path("newsletter/", views.signup, name="newsletter"),
    path("newsletter/check-your-email/", views.check_email, name="newsletter_check_email"),
    path("newsletter/confirm/<str:token>/", views.confirm, name="newsletter_confirm"),
    path("newsletter/unsubscribe/<str:token>/", views.unsubscribe, name="newsletter_unsubscribe"),
]
