"""Comment moderation in the admin (wagtail-modeladmin) and who may do it."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.urls import reverse
from wagtail.models import GroupApprovalTask, GroupPagePermission

from articles.models import Comment
from home.groups import MODERATORS

from .utils import make_article, make_comment, make_index, soup

pytestmark = pytest.mark.django_db
INDEX_URL = "/admin/articles/comment/"
MODERATE_URL = "/admin/articles/comment/moderate/"


@pytest.fixture
def articles():
    index = make_index()
    return {
        "panic": make_article(index, "Coping with panic", slug="panic"),
        "sleep": make_article(index, "Sleeping better", slug="sleep"),
    }


@pytest.fixture
def comments(articles):
    return {
        "pending": make_comment(
            articles["panic"], "Pat", status="pending", email="pat.private@example.com"
        ),
        "approved": make_comment(articles["panic"], "Ana", minutes_ago=60 * 24 * 10),
        "spam": make_comment(articles["sleep"], "Spammer", status="spam", body="Cheap pills"),
        "other": make_comment(articles["sleep"], "Sol", status="pending", body="About sleep"),
    }


def user_in(django_user_model, username, *groups):
    user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
    for name in groups:
        user.groups.add(Group.objects.get_or_create(name=name)[0])
    return user


@pytest.fixture
def moderator(django_user_model):
    return user_in(django_user_model, "mona", MODERATORS)


def listed(response):
    """The commenters' names in the moderation list, in order."""
    return [
        cell.get_text(strip=True) for cell in soup(response).select("table.listing td.field-name")
    ]


class TestGroups:
    def test_moderators_moderate_comments_and_nothing_else(self, moderator, articles):
        group = Group.objects.get(name=MODERATORS)
        granted = set(group.permissions.values_list("content_type__app_label", "codename"))
        assert {
            ("wagtailadmin", "access_admin"),
            ("articles", "view_comment"),
            ("articles", "change_comment"),
            ("articles", "delete_comment"),
        } <= granted
        assert not {
            app for app, _ in granted if app in {"wagtailcore", "wagtailimages", "wagtaildocs"}
        }
        assert not {codename for app, codename in granted if app == "articles"} - {
            "view_comment",
            "change_comment",
            "delete_comment",
        }
        assert not GroupPagePermission.objects.filter(group=group).exists()
        assert not group.collection_permissions.exists()
        assert not GroupApprovalTask.objects.filter(groups=group).exists()
        perms = articles["panic"].permissions_for_user(moderator)
        assert not perms.can_edit()
        assert not perms.can_publish()

    def test_moderators_cannot_edit_or_publish_pages_in_the_admin(
        self, client, moderator, articles
    ):
        client.force_login(moderator)
        assert client.get("/admin/").status_code == 200
        response = client.get(f"/admin/pages/{articles['panic'].pk}/edit/")
        assert response.status_code in (302, 403)
        response = client.post(f"/admin/pages/{articles['panic'].pk}/unpublish/")
        assert response.status_code in (302, 403)
        articles["panic"].refresh_from_db()
        assert articles["panic"].live

    def test_editors_moderate_too(self, django_user_model):
        editor = user_in(django_user_model, "eddie", "Editors")
        for codename in ("view_comment", "change_comment", "delete_comment"):
            assert editor.has_perm(f"articles.{codename}")
        assert editor.has_perm("articles.view_subscriber")

    def test_writers_do_not(self, client, django_user_model, comments):
        writer = user_in(django_user_model, "wendy", "Writers")
        assert not writer.has_perm("articles.change_comment")
        client.force_login(writer)
        assert client.get(INDEX_URL).status_code in (302, 403)
        response = client.post(
            MODERATE_URL, {"action": "approve", "comment": [comments["pending"].pk]}
        )
        assert response.status_code in (302, 403)
        comments["pending"].refresh_from_db()
        assert comments["pending"].status == Comment.Status.PENDING


class TestModerationList:
    def test_lists_every_comment_newest_first_with_email_for_moderators(
        self, client, moderator, comments
    ):
        client.force_login(moderator)
        response = client.get(INDEX_URL)
        assert response.status_code == 200
        assert listed(response) == ["Sol", "Spammer", "Pat", "Ana"]
        html = response.content.decode()
        assert "pat.private@example.com" in html
        assert soup(response).find("input", attrs={"name": "comment"}) is not None

    @pytest.mark.parametrize(
        "query, expected",
        [
            ("?status__exact=pending", ["Sol", "Pat"]),
            ("?status__exact=spam", ["Spammer"]),
            ("?q=pills", ["Spammer"]),
            ("?q=pat.private", ["Pat"]),
            ("?q=Sleeping", ["Sol", "Spammer"]),
        ],
    )
    def test_filter_and_search(self, client, moderator, comments, query, expected):
        client.force_login(moderator)
        assert listed(client.get(INDEX_URL + query)) == expected

    def test_filter_by_article(self, client, moderator, comments, articles):
        client.force_login(moderator)
        response = client.get(f"{INDEX_URL}?article__id__exact={articles['panic'].pk}")
        assert listed(response) == ["Pat", "Ana"]
        filters = soup(response).find(class_="changelist-filter").get_text()
        assert "Coping with panic" in filters and "Sleeping better" in filters

    def test_filter_by_date(self, client, moderator, comments):
        client.force_login(moderator)
        filters = soup(client.get(INDEX_URL)).find(class_="changelist-filter")
        past_week = filters.find("a", string="Past 7 days")["href"]
        assert listed(client.get(INDEX_URL + past_week)) == ["Sol", "Spammer", "Pat"]

    def test_without_the_moderation_permission_no_email_and_no_bulk_actions(
        self, client, django_user_model, comments
    ):
        viewer = user_in(django_user_model, "vic", "Comment viewers")
        group = Group.objects.get(name="Comment viewers")
        group.permissions.add(
            Permission.objects.get(codename="access_admin"),
            Permission.objects.get(content_type__app_label="articles", codename="view_comment"),
        )
        client.force_login(viewer)
        response = client.get(INDEX_URL)
        assert response.status_code == 200
        assert "pat.private@example.com" not in response.content.decode()
        assert soup(response).find(id="comment-bulk-form") is None
        assert listed(client.get(INDEX_URL + "?q=pat.private")) == []

    def test_comments_are_not_created_in_the_admin(self, client, moderator):
        client.force_login(moderator)
        response = client.get(INDEX_URL + "create/")
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        assert "Sorry, you do not have permission" in client.get("/admin/").content.decode()


class TestDashboard:
    def test_moderators_see_what_awaits_them(self, client, moderator, comments):
        client.force_login(moderator)
        panel = soup(client.get("/admin/")).find(id="pending-comments-content")
        assert "2 comments wait for a decision." in panel.get_text(" ", strip=True)
        assert panel.find("a", string="Moderate them")["href"] == (
            INDEX_URL + "?status__exact=pending"
        )

    def test_not_shown_to_writers(self, client, django_user_model, comments):
        client.force_login(user_in(django_user_model, "wendy", "Writers"))
        assert "Comments awaiting moderation" not in client.get("/admin/").content.decode()


class TestBulkModeration:
    @pytest.mark.parametrize(
        "action, status, message",
        [
            ("approve", Comment.Status.APPROVED, "2 comments approved."),
            ("reject", Comment.Status.REJECTED, "2 comments rejected."),
            ("spam", Comment.Status.SPAM, "2 comments marked as spam."),
        ],
    )
    def test_bulk_actions(self, client, moderator, comments, action, status, message):
        client.force_login(moderator)
        chosen = [comments["pending"].pk, comments["other"].pk]
        next_url = INDEX_URL + "?status__exact=pending"
        response = client.post(
            MODERATE_URL, {"action": action, "comment": chosen, "next": next_url}
        )
        assert response.status_code == 302
        assert response["Location"] == next_url
        for comment in Comment.objects.filter(pk__in=chosen):
            assert comment.status == status
            assert comment.moderated_by == moderator
            assert comment.moderated_at is not None
        assert Comment.objects.get(pk=comments["spam"].pk).status == Comment.Status.SPAM
        assert message in client.get(response["Location"]).content.decode()

    def test_approved_comments_appear_on_the_article(self, client, moderator, comments, articles):
        client.force_login(moderator)
        client.post(MODERATE_URL, {"action": "approve", "comment": [comments["pending"].pk]})
        client.logout()
        page = soup(client.get(articles["panic"].url))
        names = [p.get_text() for p in page.select("#comments .comment__author")]
        assert names == ["Ana", "Pat"]

    def test_nothing_selected_or_unknown_action_says_so(self, client, moderator, comments):
        client.force_login(moderator)
        response = client.post(MODERATE_URL, {"action": "approve"}, follow=True)
        assert "Select at least one comment first." in response.content.decode()
        response = client.post(
            MODERATE_URL, {"action": "delete-all", "comment": [comments["pending"].pk]}, follow=True
        )
        assert "Choose what to do with the selected comments." in response.content.decode()
        assert Comment.objects.filter(status="pending").count() == 2

    def test_foreign_next_url_is_ignored(self, client, moderator, comments):
        client.force_login(moderator)
        response = client.post(
            MODERATE_URL,
            {
                "action": "approve",
                "comment": [comments["pending"].pk],
                "next": "https://evil.example/",
            },
        )
        assert response["Location"] == INDEX_URL

    def test_the_list_posts_to_the_apps_namespaced_admin_url(self, client, moderator, comments):
        assert reverse("articles_admin:moderate_comments") == MODERATE_URL
        client.force_login(moderator)
        page = soup(client.get(INDEX_URL))
        assert page.find("form", id="comment-bulk-form")["action"] == MODERATE_URL

    def test_get_is_not_allowed(self, client, moderator):
        client.force_login(moderator)
        assert client.get(MODERATE_URL).status_code == 405

    def test_editing_a_status_records_the_moderator(self, client, moderator, comments):
        client.force_login(moderator)
        comment = comments["pending"]
        form = client.get(f"{INDEX_URL}edit/{comment.pk}/")
        assert form.status_code == 200
        response = client.post(
            f"{INDEX_URL}edit/{comment.pk}/",
            {
                "status": "approved",
                "name": comment.name,
                "website": "",
                "body": "Edited: personal details removed.",
            },
        )
        assert response.status_code == 302
        comment.refresh_from_db()
        assert comment.status == Comment.Status.APPROVED
        assert comment.moderated_by == moderator
        assert comment.body == "Edited: personal details removed."
        assert comment.email == "pat.private@example.com"  # shown, never editable
