"""The shared frame of every page (home/frame.py): read from the database once, then from the
cache, and read again after a change."""

import pytest
from bs4 import BeautifulSoup
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, Site

from home.models import SiteSettings, StandardPage


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def menu(client):
    return [a.get_text() for a in soup(client.get("/")).select(".main-menu a")]


def add_page(parent, title, slug, publish=True):
    page = StandardPage(title=title, slug=slug, body=[], show_in_menus=True, live=publish)
    parent.add_child(instance=page)
    if publish:
        page.save_revision().publish()
    return page


@pytest.fixture
def home(db):
    site = Site.objects.get(is_default_site=True)
    # Created up front: a first page view creating them would itself start a new generation.
    SiteSettings.for_site(site)
    return site.root_page


def test_a_second_page_reads_the_frame_from_the_cache(client, home):
    add_page(home, "About us", "about")
    client.get("/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/about/").status_code == 200
    sql = " ".join(query["sql"] for query in queries.captured_queries)
    assert "home_sitesettings" not in sql
    assert "wagtailcore_site" not in sql
    # The page itself came from the cached top-level pages: no routing query either (what is
    # left is Wagtail's view-restriction check).
    assert '"slug" =' not in sql
    assert "home_standardpage" not in sql


def test_a_settings_change_shows_on_the_next_page(client, home):
    assert soup(client.get("/")).title.get_text().startswith("MindWell |")
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.site_name = "Calm Harbour"
    settings.save()
    assert soup(client.get("/")).title.get_text().startswith("Calm Harbour |")


def test_publishing_unpublishing_moving_and_deleting_change_the_menu(client, home):
    about = add_page(home, "About us", "about")
    assert menu(client) == ["About us"]
    contact = add_page(home, "Contact", "contact")
    assert menu(client) == ["About us", "Contact"]
    about.unpublish()
    assert menu(client) == ["Contact"]
    assert client.get("/about/").status_code == 404
    contact.move(Page.objects.get(pk=about.pk), pos="last-child")
    assert menu(client) == []
    about.save_revision().publish()
    assert menu(client) == ["About us"]
    Page.objects.get(pk=about.pk).delete()
    assert menu(client) == []


def test_a_draft_or_unknown_top_level_path_is_not_found(client, home):
    add_page(home, "Draft", "draft", publish=False)
    assert client.get("/draft/").status_code == 404
    assert client.get("/nowhere/").status_code == 404


def test_pages_answer_when_the_cache_fails(client, home, monkeypatch):
    add_page(home, "About us", "about")

    def fail(*args, **kwargs):
        raise ConnectionError("cache down")

    # What django-redis does with IGNORE_EXCEPTIONS: errors read as misses, writes are dropped.
    monkeypatch.setattr(cache, "get", lambda key, default=None, **kwargs: default)
    monkeypatch.setattr(cache, "set", lambda *args, **kwargs: None)
    monkeypatch.setattr(cache, "add", lambda *args, **kwargs: False)
    assert client.get("/about/").status_code == 200
    assert menu(client) == ["About us"]
