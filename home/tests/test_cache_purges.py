"""What purges the page cache, and when (home/cache_purges.py, articles/page_cache.py): each
change a visitor would see names the keys of every page showing it, once its transaction has
committed. The purges themselves reach a real Varnish in test_varnish.py and
test_page_cache_live.py."""

from contextlib import contextmanager

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from wagtail.models import Site

from articles.models import Comment
from articles.page_cache import COMMENTS_KEY
from articles.tests.utils import make_article, make_author, make_comment, make_index, reply_data
from home import frontend_cache
from home.frontend_cache import SITE_KEY, page_key
from home.models import SiteSettings
from therapists.models import Issue
from therapists.tests.fixtures import directory_page, make_profile

pytestmark = pytest.mark.django_db


@pytest.fixture
def purged(monkeypatch):
    """The keys of each purge sent, in order."""
    sent = []
    monkeypatch.setattr(frontend_cache, "purge_keys", lambda *keys: sent.append(set(keys)))
    monkeypatch.setattr(frontend_cache._pending, "keys", {}, raising=False)
    return sent


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change as its transaction's commit would: the purges go out at the end."""

    @contextmanager
    def committing():
        # Test transactions never commit: forget what the set-up's changes left waiting.
        frontend_cache._pending.keys = {}
        with django_capture_on_commit_callbacks(execute=True):
            yield

    return committing


@pytest.fixture
def article():
    index = make_index()
    return make_article(index, "Sleep and worry", authors=[make_author()])


@pytest.fixture
def profile():
    return make_profile(directory_page(), "Mira Mossgiel", [("Portland", "OR", "97214")])


def test_nothing_is_purged_before_the_commit(article, purged, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        article.save_revision().publish()
    assert purged == [] and callbacks
    for callback in callbacks:
        callback()
    assert purged == [{SITE_KEY}]  # one purge for every signal of the transaction


@pytest.mark.parametrize("which", ["article", "profile"])
def test_publishing_unpublishing_moving_and_deleting_empty_the_cache(
    request, which, purged, commit
):
    page = request.getfixturevalue(which)
    sibling = page.copy(update_attrs={"slug": f"{page.slug}-2", "title": "Another"})
    for change in [
        lambda: page.save_revision().publish(),
        lambda: page.unpublish(),
        lambda: page.move(sibling, pos="right"),
        lambda: page.delete(),
    ]:
        purged.clear()
        with commit():
            change()
        assert purged == [{SITE_KEY}]


def test_a_settings_change_empties_the_cache(purged, commit):
    site_settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    with commit():
        site_settings.phone_number = "1-888-555-0100"
        site_settings.save()
    assert purged == [{SITE_KEY}]


def test_an_author_change_empties_the_cache(article, purged, commit):
    author = article.authors.first()
    with commit():
        author.credentials = "PsyD"
        author.save()
    assert purged == [{SITE_KEY}]


def test_an_availability_answer_purges_its_profile_and_the_directory(profile, purged, commit):
    with commit():
        profile.availability.accepting_new_clients = False
        profile.availability.save()
    assert purged == [{page_key(profile.pk), page_key(profile.get_parent().pk)}]


def test_a_vocabulary_change_empties_the_cache(purged, commit):
    with commit():
        Issue.objects.create(name="Burnout")
    assert purged == [{SITE_KEY}]


def moderate(client, comment, action):
    admin = get_user_model().objects.create_superuser(f"admin-{action}", "a@example.com", "x")
    client.force_login(admin)
    url = reverse("articles_admin:moderate_comments")
    return client.post(url, {"action": action, "comment": [comment.pk]})


def test_approving_a_comment_purges_its_article_and_recent_comments(
    article, client, purged, commit
):
    comment = make_comment(article, status=Comment.Status.PENDING)
    with commit():
        assert moderate(client, comment, "approve").status_code == 302
    assert purged == [{page_key(article.pk), COMMENTS_KEY}]


def test_withdrawing_editing_or_deleting_an_approved_comment_purges_them(
    article, client, purged, commit
):
    keys = {page_key(article.pk), COMMENTS_KEY}
    comment = make_comment(article)
    with commit():
        moderate(client, comment, "reject")
    assert purged == [keys]
    approved = make_comment(article, name="Other")
    purged.clear()
    with commit():
        approved.body = "Edited by a moderator."
        approved.save()
        approved.delete()
    assert purged == [keys]


def test_a_new_pending_comment_purges_nothing(article, client, purged, commit, settings):
    # A flood of comments must not empty the cache; no page shows them until approved.
    settings.FORM_MIN_SECONDS_TO_SUBMIT = 0
    SiteSettings.for_site(Site.objects.get(is_default_site=True))  # created once, on first use
    with commit():
        response = client.post(article.url, reply_data(article))
    assert response.status_code == 302 and Comment.objects.get().status == Comment.Status.PENDING
    assert purged == []
    # Nor does a rejected comment's deletion.
    with commit():
        make_comment(article, status=Comment.Status.REJECTED).delete()
    assert purged == []


def test_pages_name_the_keys_their_purges_use(article, client):
    response = client.get(article.url)
    keys = response["xkey"].split()
    assert {SITE_KEY, page_key(article.pk), COMMENTS_KEY} <= set(keys)
    # Recent Comments on the index and topic pages too; the home page shows none.
    assert COMMENTS_KEY in client.get("/articles/")["xkey"].split()
    assert COMMENTS_KEY not in client.get("/")["xkey"].split()
