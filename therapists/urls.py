from django.urls import path

from . import near, views

app_name = "therapists"

urlpatterns = [
    path("hide-prompt/", views.hide_prompt, name="hide_prompt"),
    path("near/", near.near_view, name="near"),
]
