import pytest
from django.http import Http404
from django.template.loader import render_to_string
from django.test import RequestFactory

from home.pagination import paginate

ITEMS = list(range(1, 96))  # 95 items, 10 per page: pages 1..10


def page_for(query):
    return paginate(RequestFactory().get("/list/", query), ITEMS, per_page=10)


class TestPaginate:
    def test_first_page_without_parameter(self):
        page = page_for({})
        assert page.number == 1
        assert list(page) == list(range(1, 11))

    def test_last_page_is_partial(self):
        assert list(page_for({"page": "10"})) == list(range(91, 96))

    @pytest.mark.parametrize("bad", ["0", "-1", "11", "abc", "1.5", "", "9" * 40])
    def test_bad_numbers_are_404_with_a_message(self, bad):
        with pytest.raises(Http404) as error:
            page_for({"page": bad})
        assert "There is no page" in str(error.value)

    def test_repeated_parameter_is_404(self):
        with pytest.raises(Http404, match="one page number"):
            paginate(RequestFactory().get("/list/?page=1&page=2"), ITEMS, per_page=10)

    def test_links_keep_other_parameters_and_mark_current(self):
        request = RequestFactory().get("/list/", {"topic": "sleep", "page": "6"})
        page = paginate(request, list(range(200)), per_page=10)
        html = render_to_string("includes/pagination.html", {"page_obj": page}, request=request)
        assert 'href="?topic=sleep&amp;page=5" rel="prev"' in html
        assert 'href="?topic=sleep&amp;page=7" rel="next"' in html
        assert 'aria-current="page"><span class="visually-hidden">Page </span>6</a>' in html
        assert "…" in html  # elided between 1 and 4, and between 8 and 20
        assert "page=20" in html


@pytest.mark.django_db
class TestNotFoundPageShowsReason:
    def test_reason_shown(self, client, settings):
        settings.ROOT_URLCONF = "home.tests.urls"
        response = client.get("/list/?page=zzz")
        assert response.status_code == 404
        assert "There is no page" in response.content.decode()
