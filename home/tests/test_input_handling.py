"""Bad input answers 4xx, never 500 (docs/security.md, "Input handling"): digits that are not
0-9, NUL characters, bodies Django cannot decode, over-long paths, and invisible format
characters that make a name read as something else."""

import pytest
from django.core.cache import cache
from django.test import Client
from hypothesis import given, settings

from articles.models import Comment
from articles.tests.test_moderation import MODERATE_URL, moderator  # noqa: F401 (fixture)
from articles.tests.utils import make_article, make_comment, make_index, reply_data
from home.tests.fuzzing import encoded_values
from home.text_input import clean_text, is_ascii_digits, to_ascii_digits
from therapists.account_forms import JoinForm
from therapists.models import ContactMessage
from therapists.tests.accounts_support import join_data
from therapists.tests.fixtures import directory_page, make_profile
from therapists.tests.test_contact import GOOD as GOOD_MESSAGE

pytestmark = pytest.mark.django_db
ARABIC_ZIP = "\u0669\u0667\u0662\u0661\u0664"  # ٩٧٢١٤, 97214 in Arabic-Indic digits
SPOOFED_NAME = "Admin\u202etoor\u202c"  # displays as "Adminroot"


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()


@pytest.fixture
def article():
    return make_article(make_index(), "Coping with panic")


def test_digits_mean_0_to_9():
    assert is_ascii_digits("97214")
    for value in ["²", ARABIC_ZIP, "９７２１４", "", "12a", " 1"]:
        assert not is_ascii_digits(value), value
    assert to_ascii_digits(ARABIC_ZIP + "-١٢٣٤") == "97214-1234"
    assert to_ascii_digits("²³") == "²³"  # not decimal digits: left for validation to refuse


class TestDigits:
    def test_a_zip_in_other_digits_is_searched_as_that_zip(self, client):
        make_profile(directory_page(), "Mira Moss", [("Portland", "OR", "97214")])
        response = client.get("/find-a-therapist/", {"location": ARABIC_ZIP})
        assert response.status_code == 200
        assert "Mira Moss" in response.content.decode()
        # Superscripts and circled digits are read as their digits (NFKC) or refused, never a 500.
        for value in ["²²²²²", "\u2460\u2461\u2462\u2463\u2464", "9721\u00b2", "\U0001d7d7" * 5]:
            response = client.get("/find-a-therapist/", {"location": value})
            assert response.status_code in {200, 400}, value

    def test_join_reads_a_zip_in_other_digits_and_refuses_superscripts(self):
        directory_page()
        form = JoinForm(join_data(zip_code=ARABIC_ZIP))
        assert form.is_valid(), form.errors
        assert form.cleaned_data["zip_code"] == "97214"
        form = JoinForm(join_data(zip_code="²²²²²"))
        assert not form.is_valid()
        assert "ZIP code" in form.errors["zip_code"][0]

    def test_join_with_other_digits_never_fails(self, client):
        directory_page()
        for value in [ARABIC_ZIP, "²", "\u0669" * 10]:
            response = client.post(
                "/join/", join_data(zip_code=value, email=f"{value}@example.com")
            )
            assert response.status_code in {302, 400}, value

    def test_comment_moderation_ignores_ids_that_are_not_0_to_9(self, client, moderator, article):  # noqa: F811
        pending = make_comment(article, "Pat", status="pending")
        client.force_login(moderator)
        response = client.post(
            MODERATE_URL, {"action": "approve", "comment": ["²", "\u0661", str(pending.pk)]}
        )
        assert response.status_code == 302
        assert Comment.objects.get(pk=pending.pk).status == Comment.Status.APPROVED
        response = client.post(MODERATE_URL, {"action": "approve", "comment": ["²"]}, follow=True)
        assert "Select at least one comment first." in response.content.decode()


class TestUnreadableRequests:
    def test_a_nul_is_no_match_never_a_database_error(self, client, article):
        # PostgreSQL refuses NUL in a query (a 500); SQLite would not show it, so these are
        # answered before any query is made. The fuzz suite runs them on PostgreSQL too.
        for url in [
            "/newsletter/unsubscribe/%00/",
            "/newsletter/unsubscribe/abc%00/",
            "/%00/",
            "/articles/%00/",
            article.url + "%00/",
            "/find-a-therapist/%00/",
        ]:
            assert client.get(url).status_code == 404, url
        # Query parameters and route segments with NUL: each view's own 4xx, or its page.
        for url in [
            "/search/?q=a%00b",
            "/search/suggest/?q=a%00b",
            "/find-a-therapist/?q=a%00b&issue=%00&location=%00",
            "/find-a-therapist/locations/o%00/",
            "/find-a-therapist/locations/or/a%00/",
            "/articles/?topic=a%00b",
            "/join/verify/%00/",
            "/newsletter/confirm/%00/",
        ]:
            assert client.get(url).status_code < 500, url
        response = client.post("/newsletter/unsubscribe/%00/")
        assert response.status_code == 404
        assert "This link does not work" in response.content.decode()
        client.cookies["sessionid"] = "abc\x00def"
        response = client.get("/")
        assert response.status_code == 400
        assert b"NUL character" in response.content

    def test_undecodable_bodies_are_400_even_with_a_csrf_cookie(self, article):
        # Django's own 400 handler reads the body again through the CSRF machinery: a 500.
        client = Client(enforce_csrf_checks=True, raise_request_exception=False)
        client.cookies["csrftoken"] = "a" * 32
        cases = [
            ("application/x-www-form-urlencoded; charset=utf-16", b"\xff\xfea\x00=\x00b\x00"),
            ("multipart/form-data; boundary=", b"--\r\n"),
        ]
        for url in [article.url, "/join/", "/newsletter/", "/admin/login/", "/no-such-page/"]:
            for content_type, body in cases:
                response = client.generic("POST", url, body, content_type=content_type)
                assert response.status_code == 400, (url, content_type)
                assert "We could not read" in response.content.decode()

    @pytest.mark.parametrize("digits", [19, 5000])
    def test_a_document_id_too_long_for_any_id_is_404(self, client, digits):
        # make fuzz found a 500: 5,000 digits are more than Python reads as a number.
        response = client.get(f"/documents/{'9' * digits}/licence.pdf")
        assert response.status_code == 404

    def test_an_over_long_media_path_is_404(self, client):
        for path in ["a" * 256, "é" * 200, "a" * 2000]:
            assert client.get(f"/media/images/{path}").status_code == 404
        assert client.get("/media/images/" + "a" * 255).status_code == 404


class TestFormatCharacters:
    def test_the_helper_removes_what_reorders_or_hides_text(self):
        assert clean_text(SPOOFED_NAME) == "Admintoor"
        assert clean_text("a\u2066b\u2069c\u200bd\u00ade\ufeff\u200ef\x07") == "abcdef"
        # Persian and emoji need the joiners; they cannot reorder text.
        assert clean_text("می\u200cخواهم 👩\u200d💻") == "می\u200cخواهم 👩\u200d💻"
        assert clean_text("one\r\n\r\n\r\ntwo\u2029three", multiline=True) == "one\n\ntwo\nthree"

    def test_comment_names_and_bodies(self, client, article):
        data = reply_data(article, name=SPOOFED_NAME, body="Fine \u202eenif\u202c text.")
        assert client.post(article.url, data).status_code == 302
        comment = Comment.objects.get()
        assert (comment.name, comment.body) == ("Admintoor", "Fine enif text.")
        data = reply_data(article, name="\u202e\u2066\u2069")
        response = client.post(article.url, data)
        assert response.status_code == 400
        assert "Enter your name" in response.content.decode()

    def test_contact_messages(self, client, django_user_model):
        owner = django_user_model.objects.create_user("owner", "owner@therapists.example")
        profile = make_profile(
            directory_page(), "Mira Moss", [("Portland", "OR", "97214")], owner=owner
        )
        data = {**GOOD_MESSAGE, "name": SPOOFED_NAME, "message": "Hi \u2067there\u2069\r\nBye"}
        assert client.post(profile.url, data).status_code == 302
        message = ContactMessage.objects.get()
        assert (message.name, message.message) == ("Admintoor", "Hi there\nBye")
        response = client.post(profile.url, {**GOOD_MESSAGE, "message": "\u200b\u202e"})
        assert response.status_code == 400
        assert "Write your message" in response.content.decode()

    def test_join_names_and_license(self):
        directory_page()
        form = JoinForm(join_data(name=SPOOFED_NAME, license_number="PSY\u202e-1"))
        assert form.is_valid(), form.errors
        assert form.cleaned_data["name"] == "Admintoor"
        assert form.cleaned_data["license_number"] == "PSY-1"


@given(path=encoded_values)
@settings(max_examples=200, derandomize=True, deadline=None, database=None)
def test_no_media_path_is_a_500(path):
    # Through the test client: a live test server answers /media/ itself, not with site/urls.py.
    client = Client(raise_request_exception=False)
    for prefix in ("/media/", "/media/images/"):
        assert client.get(f"{prefix}{path}").status_code < 500
