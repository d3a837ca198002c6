from django.urls import path

from . import insight, views

app_name = "therapists"

urlpatterns = [
    path("hide-prompt/", views.hide_prompt, name="hide_prompt"),
    path("insight/", insight.beacon, name="insight_beacon"),
]
