"""Popular searches on /search/: Wagtail's Query.get_most_popular, limited to the terms an editor
approved, so nothing a visitor typed reaches other visitors unreviewed (issue 15, item 4)."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from search.models import ApprovedSearchTerm

from .test_search import build_corpus, soup

pytestmark = pytest.mark.django_db


@pytest.fixture
def corpus():
    return build_corpus()


def popular(client):
    page = soup(client.get("/search/"))
    section = page.select_one(".search-empty")
    heading = section.find("h3", string="Popular searches")
    if heading is None:
        return []
    return [a.get_text() for a in heading.find_next_sibling("ul").select("a")]


def search_from(address, text, times=3):
    visitor = Client(REMOTE_ADDR=address)
    for _ in range(times):
        assert visitor.get("/search/", {"q": text}).status_code == 200


@pytest.mark.parametrize(
    "typed",
    ["jane.doe@example.com", "call me 555 123 4567", "bipolar disorder", "garden"],
)
def test_what_visitors_typed_is_not_shown_to_others_unreviewed(corpus, typed):
    for address in ("203.0.113.1", "203.0.113.2", "203.0.113.3"):
        search_from(address, typed)
    assert popular(Client(REMOTE_ADDR="198.51.100.9")) == []


def test_approved_terms_are_listed_most_searched_first(corpus):
    for text in ("garden", "panic", "sleep"):
        ApprovedSearchTerm.objects.create(query_string=text)
    search_from("203.0.113.1", "panic", times=5)
    search_from("203.0.113.2", "Garden", times=4)
    search_from("203.0.113.3", "sleep", times=2)  # approved, but not searched often enough yet
    search_from("203.0.113.4", "jane.doe@example.com", times=9)  # popular, never approved
    assert popular(Client(REMOTE_ADDR="198.51.100.9")) == ["panic", "garden"]


def test_an_approved_term_is_stored_as_wagtail_stores_searches():
    term = ApprovedSearchTerm.objects.create(query_string="  Panic  Attacks ")
    assert term.query_string == "panic attacks"


def test_editors_approve_popular_searches_in_the_admin(client):
    editor = User.objects.create_user("eddie", password="x", is_active=True)
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    url = "/admin/snippets/search/approvedsearchterm/"
    assert client.get(url).status_code == 200
    response = client.post(f"{url}add/", {"query_string": "Burnout"})
    assert response.status_code == 302
    assert list(ApprovedSearchTerm.objects.values_list("query_string", flat=True)) == ["burnout"]
