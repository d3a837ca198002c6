"""A stand-in for an article page that shows the "Find the Right Therapist" prompt."""

import urls as site_urls
from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

ARTICLE = """{% extends "base.html" %}{% load directory_tags %}
{% block title %}An article{% endblock %}
{% block content %}<h1>An article</h1>
<aside aria-label="Sidebar">{% find_therapist_prompt %}</aside>{% endblock %}"""


def article(request):
    return HttpResponse(engines["django"].from_string(ARTICLE).render({}, request))


urlpatterns = [path("article/", article), path("", include(site_urls))]
