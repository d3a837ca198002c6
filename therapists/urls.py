from django.urls import path

from . import availability_links, insight, near, reports, views
from .replies import message_sent

app_name = "therapists"

urlpatterns = [
    path("hide-prompt/", views.hide_prompt, name="hide_prompt"),
    path(
        "availability/<str:token>/",
        availability_links.answer_availability,
        name="availability",
    ),
    path("report/<int:profile_id>/", reports.report_view, name="report"),
    path("message-sent/<int:profile_id>/", message_sent, name="message_sent"),
    path("near/", near.near_view, name="near"),
    path("insight/", insight.beacon, name="insight_beacon"),
]
