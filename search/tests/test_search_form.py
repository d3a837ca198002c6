"""The search page's parameters, read by search/forms.py: defaults accepted, bad values a 400
with every reason shown, never a 500."""

import json

import pytest
from django.http import QueryDict

from search.forms import SearchForm

from .test_search import build_corpus, soup

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["", "q=", "q=garden&scope=&sort=", "scope=all", "scope=TITLE&sort=Newest", "sort=relevance"],
)
def test_the_forms_own_defaults_are_valid(query):
    form = SearchForm(QueryDict(query))
    assert form.is_valid(), form.errors
    assert form.cleaned_data["sort"] in ("relevance", "newest")


def test_a_nul_in_the_query_is_a_separator_not_an_error():
    form = SearchForm(QueryDict("q=%00garden%00tips"))
    assert form.is_valid()
    assert (form.cleaned_data["q"], form.words) == ("garden tips", ["garden", "tips"])


def test_every_bad_parameter_is_named_in_one_400(client):
    build_corpus()
    response = client.get("/search/", {"q": "garden", "scope": "everything", "sort": "random"})
    assert response.status_code == 400
    alert = soup(response).select_one("[role=alert]").get_text(" ", strip=True)
    assert "“everything” is not a search scope" in alert
    assert "“random” is not a sort order" in alert
    # What was typed comes back in the box, and a way out is offered.
    page = soup(response)
    assert page.select_one(".search-page input[name=q]")["value"] == "garden"
    assert page.find("a", string="Search all articles for “garden”") is not None


@pytest.mark.parametrize(
    "query",
    [
        "q=a&q=b",
        "scope=%00",
        "sort=" + "%F0%9F%98%8A" * 3,
        "scope=title&scope=title",
        "sort=" + "x" * 9000,
    ],
)
def test_bad_parameters_are_400_never_500(client, query):
    response = client.get(f"/search/?{query}")
    assert response.status_code == 400
    assert soup(response).select_one("[role=alert]").get_text(strip=True)


def test_suggestions_refuse_a_repeated_q_with_a_reason(client):
    response = client.get("/search/suggest/?q=a&q=b")
    assert response.status_code == 400
    assert json.loads(response.content) == {"error": "Give “q” once."}
