"""Who the client is behind proxies (home/client_identity.py): the address the trusted proxies
saw, never an entry the client wrote, for every rate limit and the login lockout."""

import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import RequestFactory, override_settings

from articles.models import Comment
from articles.models.commenting import COMMENT_RATE
from articles.tests.utils import make_article, make_index, reply_data
from home.client_identity import client_hash, client_network, forwarded_address
from therapists.models import ContactMessage
from therapists.tests.fixtures import directory_page, make_profile
from therapists.tests.test_contact import GOOD as GOOD_MESSAGE

FORWARDED = {"CLIENT_IP_HEADER": "HTTP_X_FORWARDED_FOR"}


def request(forwarded=None, remote="10.0.0.1"):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()  # the rate limits count in the cache
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("value", "hops", "expected"),
    [
        ("203.0.113.9", 1, "203.0.113.9"),
        ("6.6.6.6, 203.0.113.9", 1, "203.0.113.9"),
        ("6.6.6.6, 203.0.113.9, 10.0.0.2", 2, "203.0.113.9"),
        ("203.0.113.9", 2, "203.0.113.9"),  # fewer entries than hops: the leftmost
        (" , ", 1, ""),
    ],
)
def test_the_entry_that_many_hops_from_the_right(value, hops, expected):
    assert forwarded_address(value, hops) == expected


@override_settings(**FORWARDED, TRUSTED_PROXY_HOPS=1)
def test_the_client_written_entries_are_not_believed():
    spoofed = {client_network(request(f"{n}.{n}.{n}.{n}, 203.0.113.9")) for n in range(1, 20)}
    assert spoofed == {"203.0.113.9"}
    assert client_network(request("[2001:db8::1]:443")) == "2001:db8::"
    assert client_network(request("203.0.113.9:4711")) == "203.0.113.9"
    # No header (the request did not come through the proxy): the connection's address.
    assert client_network(request()) == "10.0.0.1"
    assert client_network(request("garbage")) == ""


@override_settings(**FORWARDED, TRUSTED_PROXY_HOPS=2)
def test_two_hops_take_the_address_the_outer_proxy_saw():
    # nginx appended the client, Varnish appended nginx (127.0.0.1); the client wrote the rest.
    assert client_network(request("1.2.3.4, 203.0.113.9, 127.0.0.1")) == "203.0.113.9"
    assert client_hash(request("9.9.9.9, 203.0.113.9, 127.0.0.1")) == client_hash(
        request("1.2.3.4, 203.0.113.9, 127.0.0.1")
    )


@override_settings(CLIENT_IP_HEADER="HTTP_X_REAL_IP")
def test_a_single_address_header_is_read_as_it_was():
    factory = RequestFactory()
    assert client_network(factory.get("/", HTTP_X_REAL_IP="198.51.100.4")) == "198.51.100.4"


def rotating(count):
    """Headers a client rotates: a new first entry each time, the proxy's entry the same."""
    return [{"HTTP_X_FORWARDED_FOR": f"192.0.2.{n}, 203.0.113.9"} for n in range(count)]


@pytest.mark.django_db
@override_settings(**FORWARDED)
def test_rotating_the_header_does_not_escape_the_comment_limit(client):
    article = make_article(make_index(), "Coping with panic")
    limit = int(COMMENT_RATE.split("/")[0])
    statuses = [
        client.post(article.url, reply_data(article, body=f"Comment {n}."), **headers).status_code
        for n, headers in enumerate(rotating(limit + 2))
    ]
    assert statuses == [302] * limit + [429, 429]
    assert Comment.objects.count() == limit
    # Another client behind the same proxy is not blocked.
    other = {"HTTP_X_FORWARDED_FOR": "192.0.2.1, 198.51.100.77"}
    assert client.post(article.url, reply_data(article, body="Mine."), **other).status_code == 302


@pytest.mark.django_db
@override_settings(**FORWARDED)
def test_the_contact_form_limits_by_the_proxied_client(client):
    owner = get_user_model().objects.create_user("owner", "owner@therapists.example")
    profile = make_profile(
        directory_page(), "Mira Moss", [("Portland", "OR", "97214")], owner=owner
    )
    statuses = [
        client.post(profile.url, GOOD_MESSAGE, REMOTE_ADDR="127.0.0.1", **headers).status_code
        for headers in rotating(7)
    ]
    assert statuses == [302] * 5 + [429, 429]
    # Everyone arrives from the proxy's REMOTE_ADDR, yet another visitor can still write.
    other = {"HTTP_X_FORWARDED_FOR": "198.51.100.77"}
    response = client.post(profile.url, GOOD_MESSAGE, REMOTE_ADDR="127.0.0.1", **other)
    assert response.status_code == 302
    assert ContactMessage.objects.count() == 6


@pytest.mark.django_db
@override_settings(**FORWARDED, AXES_ENABLED=True)
def test_rotating_the_header_does_not_escape_the_login_lockout(client):
    get_user_model().objects.create_user("maya@example.com", "maya@example.com", "calm-river-4821")
    wrong = {"username": "maya@example.com", "password": "guess"}
    statuses = [
        client.post("/admin/login/", wrong, **headers).status_code for headers in rotating(6)
    ]
    assert statuses == [200] * 4 + [429, 429]
    right = {**wrong, "password": "calm-river-4821"}
    response = client.post("/admin/login/", right, HTTP_X_FORWARDED_FOR="8.8.8.8, 203.0.113.9")
    assert response.status_code == 429
    # The same username from another client is not locked out.
    response = client.post("/admin/login/", right, HTTP_X_FORWARDED_FOR="198.51.100.77")
    assert response.status_code == 302
