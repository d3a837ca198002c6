"""The directory's own admin URLs, under /admin/ (wagtail_hooks.py includes them with the
`therapists_admin` namespace): the therapist's profile, availability and messages, and staff's
restoring of a removed listing."""

from django.urls import path

from . import dashboard

app_name = "therapists_admin"
urlpatterns = [
    path("my-profile/", dashboard.my_profile, name="my_profile"),
    path("my-profile/accepting/", dashboard.confirm_accepting, name="confirm_accepting"),
    path("my-messages/", dashboard.message_list, name="messages"),
    path("my-messages/<int:message_id>/", dashboard.message_detail, name="message"),
    path(
        "therapist-accounts/<int:account_id>/restore/",
        dashboard.restore_account,
        name="restore_account",
    ),
]
