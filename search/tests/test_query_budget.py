"""PRODUCT.md's bar: at most 12 SQL queries on every public page type, on the demo content a
visitor sees (docs/performance.md, "SQL queries per page"). Here, in the top app, because the
pages belong to every app."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Count, Q
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleIndexPage, ArticlePage, Author, Topic
from therapists.models import TherapistIndexPage, TherapistProfilePage

MAX_QUERIES = 12


def demo_pages():
    index = ArticleIndexPage.objects.live().get().url
    directory = TherapistIndexPage.objects.live().get().url
    return {
        "home": "/",
        "article": ArticlePage.objects.live().order_by("pk").first().url,
        "article with the most comments": ArticlePage.objects.live()
        .annotate(approved=Count("comments", filter=Q(comments__status="approved")))
        .order_by("-approved", "pk")
        .first()
        .url,
        "article index": index,
        "topic list": f"{index}topics/",
        "topic": f"{index}topics/{Topic.objects.order_by('pk').first().slug}/",
        "author list": f"{index}authors/",
        "author": f"{index}authors/{Author.objects.order_by('pk').first().slug}/",
        "search": "/search/?q=sleep",
        "search by author": "/search/?q=sleep&scope=author",
        "directory": directory,
        "directory, ZIP": f"{directory}?location=97204&radius=25",
        "directory, ZIP and issue": f"{directory}?location=97204&radius=25&issue=anxiety",
        "profile": TherapistProfilePage.objects.live().order_by("pk").first().url,
        "Browse Locations": f"{directory}locations/",
        "Browse Locations, a state": f"{directory}locations/or/",
        "newsletter": "/newsletter/",
    }


def count_queries(client, path):
    assert client.get(path).status_code == 200, path  # warm: the frame and renditions cached
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200, path
    return len(queries)


@pytest.mark.django_db
def test_every_public_page_type_within_12_queries_on_the_demo(client):
    call_command("load_demo_content", stdout=open("/dev/null", "w"))
    counts = {name: count_queries(client, path) for name, path in demo_pages().items()}
    print("queries per page on the demo content:", counts)
    assert {name: count for name, count in counts.items() if count > MAX_QUERIES} == {}
