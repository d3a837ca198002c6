"""Every public form refuses an email address mail cannot be sent to (issue: `a@ex\u202eample.com`
was saved and its email then failed): the form comes back with a clear message, nothing saved."""

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.core import mail
from django.core.cache import cache
from django.core.exceptions import ValidationError

from articles.models import Comment, Subscriber
from articles.tests.utils import make_article, make_index, reply_data
from home.validators import validate_mailable_email
from therapists.models import ContactMessage, TherapistAccount
from therapists.tests.accounts_support import join_data, make_therapist
from therapists.tests.fixtures import directory_page, make_profile

MESSAGE = "The part after the @ has a character email cannot be sent to."
UNMAILABLE = [
    "a@ex\u202eample.com",  # right-to-left override: the IDNA encoding fails
    "a@ex\u200bample.com",  # zero-width space: dropped in sending, another address
    "a@exa\u00admple.com",  # soft hyphen: the same
    "a@ex\u2066ample.com",  # left-to-right isolate
]


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()


def errors(response):
    return " ".join(BeautifulSoup(response.content, "html.parser").get_text().split())


@pytest.mark.parametrize("address", UNMAILABLE)
def test_the_validator_refuses(address):
    with pytest.raises(ValidationError, match="cannot be sent to"):
        validate_mailable_email(address)


@pytest.mark.parametrize(
    "address", ["a@example.com", "a@bücher.de", "a@xn--bcher-kva.de", "a@例え.jp", "not-an-address"]
)
def test_the_validator_accepts(address):
    validate_mailable_email(address)  # "not-an-address" is EmailValidator's to refuse


@pytest.mark.django_db
@pytest.mark.parametrize("address", UNMAILABLE[:2])
class TestForms:
    def test_newsletter(self, client, address):
        response = client.post(
            "/newsletter/", {"email": address, "consent": "on", "leave_empty": ""}
        )
        assert response.status_code == 400
        assert MESSAGE in errors(response)
        assert not Subscriber.objects.exists()
        assert mail.outbox == []

    def test_join(self, client, address):
        directory_page()
        response = client.post("/join/", join_data(email=address))
        assert response.status_code == 400
        assert MESSAGE in errors(response)
        assert not TherapistAccount.objects.exists()
        assert mail.outbox == []

    def test_contact(self, client, address):
        owner = get_user_model().objects.create_user("owner", "owner@therapists.example")
        profile = make_profile(
            directory_page(), "Mira Mossgiel", [("Portland", "OR", "97214")], owner=owner
        )
        response = client.post(
            profile.url,
            {"name": "Robin", "email": address, "message": "Hello", "consent": "on"},
        )
        assert response.status_code == 400
        assert MESSAGE in errors(response)
        assert not ContactMessage.objects.exists()

    def test_comment(self, client, address):
        article = make_article(make_index(), "Coping with panic", slug="panic")
        response = client.post(article.url, reply_data(article, email=address))
        assert response.status_code == 400
        assert MESSAGE in errors(response)
        assert not Comment.objects.exists()

    def test_change_of_address(self, client, address):
        user = make_therapist("Ben Other", "ben@example.com")
        user.set_password("calm-river-4821")
        user.save()
        client.force_login(user)
        mail.outbox.clear()
        response = client.post(
            "/account/email/",
            {"email-new_email": address, "email-password": "calm-river-4821"},
        )
        assert response.status_code == 400
        assert MESSAGE in errors(response)
        user.refresh_from_db()
        assert user.email == "ben@example.com"
        assert mail.outbox == []
