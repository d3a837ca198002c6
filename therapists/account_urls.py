from django.urls import path

from . import account_views as views

urlpatterns = [
    path("join/", views.join, name="therapist_join"),
    path("join/check-your-email/", views.join_sent, name="therapist_join_sent"),
    path("join/verify/<str:token>/", views.verify, name="therapist_verify"),
    path("account/", views.account, name="therapist_account"),
    path("account/email/", views.change_email, name="therapist_change_email"),
    path("account/email/<str:token>/", views.confirm_email, name="therapist_email_confirm"),
    path("account/remove/", views.remove, name="therapist_remove_listing"),
]
