"""The header's menu, the footer's links, and text that must not break inside a word."""

import pytest
from bs4 import BeautifulSoup
from django.template import Context, Template
from wagtail.models import PageViewRestriction, Site

from home.models import StandardPage


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.fixture
def pages(db):
    home = Site.objects.get(is_default_site=True).root_page
    made = {}
    for title, slug in (("About us", "about"), ("Members", "members"), ("Hidden", "hidden")):
        page = StandardPage(title=title, slug=slug, body=[], show_in_menus=slug != "hidden")
        home.add_child(instance=page)
        page.save_revision().publish()
        made[slug] = page
    PageViewRestriction.objects.create(
        page=made["members"], restriction_type=PageViewRestriction.LOGIN
    )
    return made


class TestMainMenu:
    def test_live_public_menu_pages_only(self, client, pages):
        menu = soup(client.get("/")).select(".main-menu a")
        assert [a.get_text() for a in menu] == ["About us"]

    def test_current_section_is_marked(self, client, pages):
        current = soup(client.get("/about/")).select_one(".main-menu a[aria-current]")
        assert current.get_text() == "About us"


class TestFooter:
    def test_therapists_can_join_and_log_in(self, client, db):
        links = {a.get_text(): a["href"] for a in soup(client.get("/")).select("footer a")}
        assert links["Therapists: join the directory"] == "/join/"
        assert links["Therapists: log in"] == "/admin/login/"

    def test_join_page_offers_log_in(self, client, db):
        join = soup(client.get("/join/"))
        assert join.find("a", string="Log in")["href"] == "/admin/login/"


class TestKeepWords:
    @pytest.mark.parametrize(
        "text, html",
        [
            ("Noor Halvorsen", "Noor Halvorsen"),
            ("Ana Lopez-Reyes", 'Ana <span class="nowrap">Lopez-Reyes</span>'),
            ("PhD, LMFT", "PhD, LMFT"),
            ("she/her", '<span class="nowrap">she/her</span>'),
            ("(503) 555-0137", '(503) <span class="nowrap">555-0137</span>'),
            ("<b>Jo</b>-Ann", '<span class="nowrap">&lt;b&gt;Jo&lt;/b&gt;-Ann</span>'),
        ],
    )
    def test_breaks_only_between_words_and_escapes(self, text, html):
        rendered = Template("{% load site_tags %}{{ text|keep_words }}").render(
            Context({"text": text})
        )
        assert rendered == html
