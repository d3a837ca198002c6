from django.urls import path

from . import views

app_name = "therapists"

urlpatterns = [
    path("hide-prompt/", views.hide_prompt, name="hide_prompt"),
]
