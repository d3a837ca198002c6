"""Readers' comments on the article page: display, "Leave a Reply", spam defence, closing,
auto-approval, Recent Comments and query counts."""

import re
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from articles.models import Comment
from articles.models.commenting import COMMENT_RATE
from articles.models.comments import COMMENTS_PER_PAGE, excerpt
from home.models import HomePage, SiteSettings

from .utils import (
    form_token,
    make_article,
    make_author,
    make_comment,
    make_image,
    make_index,
    make_topic,
    reply_data,
    soup,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site_settings():
    return SiteSettings.for_site(Site.objects.get(is_default_site=True))


@pytest.fixture
def terms_page():
    from home.models import StandardPage

    home = HomePage.objects.get()
    page = StandardPage(title="Terms of Use", slug="terms-of-use", body=[])
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


@pytest.fixture
def index():
    return make_index()


@pytest.fixture
def article(index):
    return make_article(
        index,
        "Coping with panic",
        slug="panic",
        topics=[make_topic("Anxiety")],
        authors=[make_author("Maya Okafor")],
    )


def numbered(page_soup):
    """(number, name, anchor id) of each comment shown, in page order."""
    return [
        (
            " ".join(item.select_one(".comment__number").get_text().split()).removeprefix(
                "Comment "
            ),
            item.select_one(".comment__author").get_text(strip=True),
            item["id"],
        )
        for item in page_soup.select("#comments .comment")
    ]


def post_reply(client, article, **overrides):
    return client.post(article.url, reply_data(article, **overrides))


class TestCommentDisplay:
    def test_approved_comments_oldest_first_numbered_with_anchors(self, client, article):
        first = make_comment(article, "Ana", minutes_ago=30)
        second = make_comment(article, "Ben", minutes_ago=20)
        make_comment(article, "Pending Pat", status="pending", minutes_ago=15)
        make_comment(article, "Rejected Rae", status="rejected", minutes_ago=14)
        make_comment(article, "Spammy Sam", status="spam", minutes_ago=13)
        third = make_comment(article, "Cleo", minutes_ago=10)

        page = soup(client.get(article.url))
        assert numbered(page) == [
            ("#1", "Ana", f"comment-{first.pk}"),
            ("#2", "Ben", f"comment-{second.pk}"),
            ("#3", "Cleo", f"comment-{third.pk}"),
        ]
        assert page.find(id="comments-heading").get_text() == "3 comments"
        permalink = page.select_one(f"#comment-{first.pk} .comment__number")
        assert permalink["href"] == f"#comment-{first.pk}"
        text = page.find(id="comments").get_text()
        for hidden in ("Pending Pat", "Rejected Rae", "Spammy Sam"):
            assert hidden not in text

    def test_numbers_follow_approval_and_never_change(self, client, article):
        early = make_comment(article, "Early", status="pending", minutes_ago=60)
        late = make_comment(article, "Late", status="pending", minutes_ago=30)
        for comment in (late, early):  # the moderator approves the later one first
            comment.moderate(Comment.Status.APPROVED)
            comment.save()
        assert numbered(soup(client.get(article.url))) == [
            ("#1", "Late", f"comment-{late.pk}"),
            ("#2", "Early", f"comment-{early.pk}"),
        ]
        # Withdrawn, #1 leaves a gap rather than renumber the others; approved again, it
        # comes back as #1, and a new comment is #3.
        late.moderate(Comment.Status.REJECTED)
        late.save()
        page = soup(client.get(article.url))
        assert numbered(page) == [("#2", "Early", f"comment-{early.pk}")]
        assert page.find(id="comments-heading").get_text() == "1 comment"
        late.moderate(Comment.Status.APPROVED)
        late.save()
        newest = make_comment(article, "Newest")
        assert [number for number, _, _ in numbered(soup(client.get(article.url)))] == [
            "#1",
            "#2",
            "#3",
        ]
        assert newest.number == 3

    def test_name_date_and_time(self, client, article):
        comment = make_comment(article, "Ana")
        comment.created_at = timezone.make_aware(datetime(2026, 4, 2, 18, 59))
        comment.save()
        item = soup(client.get(article.url)).find(id=f"comment-{comment.pk}")
        time_tag = item.find("time")
        assert time_tag.get_text() == "April 2, 2026 at 6:59 PM"
        assert time_tag["datetime"] == "2026-04-02T18:59:00-0400"

    def test_body_is_escaped_plain_text_with_paragraphs(self, client, article):
        make_comment(
            article,
            "Ana",
            body="<script>alert('x')</script> <b>bold?</b>\nsecond line\n\nNew paragraph",
        )
        response = client.get(article.url)
        html = response.content.decode()
        assert "<script>alert" not in html
        assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html
        body = soup(response).select_one(".comment__body")
        paragraphs = body.find_all("p")
        assert len(paragraphs) == 2
        assert paragraphs[0].find("br") is not None
        assert paragraphs[0].get_text().startswith("<script>alert('x')</script> <b>bold?</b>")
        assert paragraphs[1].get_text() == "New paragraph"
        assert body.find("b") is None

    def test_website_is_a_nofollow_ugc_link_and_email_is_never_shown(self, client, article):
        make_comment(
            article, "Ana", email="ana.secret@example.com", website="https://ana.example.org"
        )
        make_comment(article, "Ben", email="ben.secret@example.com")
        response = client.get(article.url)
        html = response.content.decode()
        link = soup(response).select_one(".comment__author a")
        assert link["href"] == "https://ana.example.org"
        assert link["rel"] == ["nofollow", "ugc"]
        assert soup(response).find_all("p", class_="comment__author")[1].find("a") is None
        for elsewhere in (html, client.get("/articles/").content.decode()):
            assert "secret@example.com" not in elsewhere
        assert "secret@example.com" not in client.get("/articles/feed/").content.decode()
        assert "secret@example.com" not in client.get("/sitemap.xml").content.decode()

    def test_json_ld_counts_comments_without_personal_data(self, client, article):
        make_comment(article, "Ana", email="ana.secret@example.com")
        make_comment(article, "Pat", status="pending")
        script = soup(client.get(article.url)).find("script", type="application/ld+json")
        assert '"commentCount": 1' in script.string
        assert "secret" not in script.string

    def test_no_comments_yet(self, client, article):
        page = soup(client.get(article.url))
        assert page.find(id="comments-heading").get_text() == "No comments yet"
        assert page.select("#comments .comment") == []
        assert page.find("form", class_="comment-form") is not None

    def test_long_threads_are_paginated_with_numbers_that_carry_on(self, client, article):
        Comment.objects.bulk_create(
            Comment(
                article=article,
                name=f"Reader {n}",
                email=f"r{n}@example.com",
                body="Hello.",
                status="approved",
                number=n,
                created_at=timezone.now() - timedelta(minutes=1000 - n),
            )
            for n in range(1, 121)
        )
        first = soup(client.get(article.url))
        assert first.find(id="comments-heading").get_text() == "120 comments"
        shown = numbered(first)
        assert len(shown) == COMMENTS_PER_PAGE
        assert shown[0][:2] == ("#1", "Reader 1") and shown[-1][:2] == ("#50", "Reader 50")
        assert first.find("a", rel="next")["href"] == "?comments=2#comments"
        last = numbered(soup(client.get(article.url + "?comments=3")))
        assert [number for number, _, _ in last] == [f"#{n}" for n in range(101, 121)]
        assert last[0][1] == "Reader 101"

    @pytest.mark.parametrize("value", ["0", "4", "abc", "1&comments=2", "9" * 30])
    def test_bad_comment_page_is_a_404_that_says_why(self, client, article, value):
        make_comment(article, "Ana")
        response = client.get(article.url + "?comments=" + value)
        assert response.status_code == 404
        html = response.content.decode()
        assert "There is no page" in html or "Give one page number" in html


class TestLeaveAReply:
    def test_form_has_the_required_fields_terms_sentence_and_legend(
        self, client, article, terms_page, site_settings
    ):
        site_settings.terms_page = terms_page
        site_settings.save()
        form = soup(client.get(article.url)).find("form", class_="comment-form")
        labels = {
            label["for"]: " ".join(label.get_text().split()) for label in form.find_all("label")
        }
        assert labels["id_name"] == "Name *"
        assert labels["id_email"] == "Email *"
        assert labels["id_website"] == "Website"
        assert labels["id_body"] == "Comment *"
        for required in ("name", "email", "body"):
            assert form.find(attrs={"name": required}).has_attr("required")
        assert not form.find(attrs={"name": "website"}).has_attr("required")
        assert "* = Required fields" in form.get_text()
        terms = form.find(class_="comment-form__terms")
        assert "By commenting you accept MindWell’s Terms and Conditions of Use" in (
            " ".join(terms.get_text().split())
        )
        assert terms.find("a")["href"] == "/terms-of-use/"
        assert form["action"] == "/articles/panic/#reply"

    def test_a_long_comment_is_counted_not_cut_short(self, client, article):
        """No maxlength (a browser would silently drop the rest of a paste): the limit is in the
        help text, char-count.js counts, the server says when it is too long (keeping it)."""
        page = soup(client.get(article.url))
        body = page.find("textarea", attrs={"name": "body"})
        assert not body.has_attr("maxlength")
        assert body["data-max-length"] == "5000"
        assert "5,000 characters" in page.find(id="id_body_helptext").get_text()
        assert page.find("script", src="/static/js/char-count.js") is not None
        response = client.post(article.url, reply_data(article, body="long " * 1200))
        assert response.status_code == 400
        assert "Keep your comment under 5000 characters (it has 5999)" in response.content.decode()
        kept = soup(response).find("textarea", attrs={"name": "body"}).get_text()
        assert kept.strip() == ("long " * 1200).strip()

    def test_a_good_reply_awaits_moderation(self, client, article):
        response = post_reply(client, article)
        assert response.status_code == 302
        assert response["Location"] == "/articles/panic/#reply"
        comment = Comment.objects.get()
        assert (comment.article_id, comment.name, comment.email) == (
            article.pk,
            "Jamie",
            "jamie@example.com",
        )
        assert comment.status == Comment.Status.PENDING
        assert comment.body == "This helped me understand what was happening.\n\nThank you."

        page = soup(client.get(response["Location"]))
        notice = page.find(id="comment-notice")
        assert notice.find_parent(attrs={"role": "status"}) is not None  # announced politely
        assert "awaiting moderation" in notice.get_text()
        assert numbered(page) == []  # not shown before approval

    def test_no_raw_ip_address_is_stored(self, client, article):
        client.post(article.url, reply_data(article), REMOTE_ADDR="203.0.113.9")
        comment = Comment.objects.get()
        assert re.fullmatch(r"[0-9a-f]{64}", comment.client_hash)
        stored = " ".join(str(value) for value in Comment.objects.values().get().values())
        assert "203.0.113.9" not in stored and "127.0.0.1" not in stored

    @pytest.mark.parametrize(
        "overrides, field, message",
        [
            ({"name": ""}, "name", "Enter your name"),
            ({"name": "   "}, "name", "Enter your name"),
            ({"email": ""}, "email", "Enter your email address"),
            ({"email": "not-an-email"}, "email", "Enter a valid email address"),
            ({"body": ""}, "body", "Write your comment."),
            ({"body": "x" * 10_000}, "body", "Keep your comment under 5000 characters"),
            ({"name": "n" * 61}, "name", "Keep your name under 60 characters"),
            ({"name": "Visit https://spam.example"}, "name", "A name cannot contain a link"),
            ({"website": "javascript:alert(1)"}, "website", "Enter a full web address"),
            ({"website": "ftp://files.example"}, "website", "Enter a full web address"),
            (
                {"body": "see http://a.example and www.b.example and https://c.example"},
                "body",
                "at most 2 links (this one has 3)",
            ),
            ({"body": "nul \x00 byte"}, "body", "Null characters are not allowed"),
        ],
    )
    def test_errors_re_render_the_form_with_the_input_kept(
        self, client, article, overrides, field, message
    ):
        data = reply_data(article, name="Jamie <b>", body="Mine & yours <i>")
        data.update(overrides)
        response = client.post(article.url, data)
        assert response.status_code == 400
        page = soup(response)
        form = page.find("form", class_="comment-form")
        assert message in form.find(id=f"id_{field}_error").get_text()
        assert form.find(id=f"id_{field}")["aria-invalid"] == "true"
        assert form.find(id="comment-form-errors")["role"] == "alert"
        # What the reader typed comes back (escaped), except in the field being corrected.
        if field != "name":
            assert form.find(id="id_name")["value"] == data["name"]
        if field != "body":
            assert form.find(id="id_body").get_text().strip() == data["body"]
        if field != "email":
            assert form.find(id="id_email")["value"] == data["email"]
        assert Comment.objects.count() == 0

    def test_markup_and_unicode_are_kept_as_plain_text(self, client, article):
        body = "Ça va 🙂 — <img src=x onerror=alert(1)> שלום\r\n\r\n\r\n\r\nSecond\u200b para"
        post_reply(client, article, name="Zoë Łukasz 李", body=body)
        comment = Comment.objects.get()
        assert comment.name == "Zoë Łukasz 李"
        assert comment.body == "Ça va 🙂 — <img src=x onerror=alert(1)> שלום\n\nSecond para"
        comment.status = "approved"
        comment.save()
        html = client.get(article.url).content.decode()
        assert "&lt;img src=x onerror=alert(1)&gt;" in html
        assert "<img src=x" not in html

    def test_website_without_scheme_gets_https(self, client, article):
        post_reply(client, article, website="example.org/me")
        assert Comment.objects.get().website == "https://example.org/me"


class TestSpamDefence:
    def test_honeypot(self, client, article):
        response = post_reply(client, article, leave_empty="http://spam.example")
        assert response.status_code == 400
        assert "a hidden field was filled in" in response.content.decode()
        assert Comment.objects.count() == 0

    def test_honeypot_is_hidden_from_people(self, client, article):
        trap = (
            soup(client.get(article.url))
            .find("form", class_="comment-form")
            .find(class_="form-trap")
        )
        assert trap["aria-hidden"] == "true"
        assert trap.find("input")["tabindex"] == "-1"

    def test_too_fast(self, client, article):
        response = post_reply(client, article, started=form_token(article, seconds_ago=1))
        assert response.status_code == 400
        assert "quicker than anyone can type" in response.content.decode()
        assert Comment.objects.count() == 0
        # The page serves a fresh token, so sending again (after a moment) works.
        token = soup(response).find("input", attrs={"name": "started"})["value"]
        assert token != ""

    @pytest.mark.parametrize(
        "token, message",
        [
            ("", "damaged"),
            ("forged:token:value", "damaged"),
            ("tampered", "damaged"),
        ],
    )
    def test_missing_or_forged_timestamp(self, client, article, token, message):
        response = post_reply(client, article, started=token)
        assert response.status_code == 400
        assert message in response.content.decode()
        assert Comment.objects.count() == 0

    def test_timestamp_cannot_be_altered(self, client, article):
        genuine = form_token(article, seconds_ago=1)
        payload, rest = genuine.split(":", 1)
        response = post_reply(client, article, started=payload[:-2] + "AA:" + rest)
        assert response.status_code == 400
        assert Comment.objects.count() == 0

    def test_token_of_another_article(self, client, article, index):
        other = make_article(index, "Other")
        response = post_reply(client, article, started=form_token(other))
        assert response.status_code == 400
        assert "belongs to another page" in response.content.decode()

    def test_expired_form(self, client, article):
        response = post_reply(client, article, started=form_token(article, seconds_ago=3 * 86400))
        assert response.status_code == 400
        assert "open for more than two days" in response.content.decode()

    def test_rate_limit_per_client(self, client, article):
        limit = int(COMMENT_RATE.split("/")[0])
        for number in range(limit):
            response = post_reply(client, article, body=f"Comment number {number}.")
            assert response.status_code == 302
        response = post_reply(client, article, body="One too many.")
        assert response.status_code == 429
        assert "several comments in a short time" in response.content.decode()
        assert soup(response).find(id="id_body").get_text().strip() == "One too many."
        assert Comment.objects.count() == limit
        # Another client is not affected.
        other = client.post(
            article.url, reply_data(article, body="From elsewhere."), REMOTE_ADDR="198.51.100.7"
        )
        assert other.status_code == 302

    def test_the_same_comment_twice_is_saved_once(self, client, article):
        post_reply(client, article)
        response = post_reply(client, article)
        assert response.status_code == 302
        assert Comment.objects.count() == 1
        notice = soup(client.get(response["Location"])).find(id="comment-notice")
        assert "already sent this comment" in notice.get_text()


class TestClosing:
    def test_closed_article_says_so_and_refuses_posts(self, client, article):
        make_comment(article, "Ana")
        article.comments_open = False
        article.save_revision().publish()
        page = soup(client.get(article.url))
        assert numbered(page)[0][1] == "Ana"  # earlier comments stay
        assert "Comments are closed on this article." in page.find(id="reply").get_text()
        assert page.find("form", class_="comment-form") is None

        response = post_reply(client, article)
        assert response.status_code == 403
        assert "Your comment was not saved" in response.content.decode()
        assert Comment.objects.count() == 1

    def test_comments_close_after_the_days_in_site_settings(self, client, index, site_settings):
        site_settings.comments_close_after_days = 30
        site_settings.save()
        old = make_article(index, "Old", days_ago=31)
        recent = make_article(index, "Recent", days_ago=29)
        closes = old.date_published + timedelta(days=30)
        old_page = soup(client.get(old.url))
        assert (
            f"Comments closed on {closes:%B} {closes.day}, {closes.year}, 30 days after "
            "publication." in old_page.find(id="reply").get_text()
        )
        assert post_reply(client, old).status_code == 403
        assert soup(client.get(recent.url)).find("form", class_="comment-form") is not None
        assert post_reply(client, recent).status_code == 302

    def test_zero_days_keeps_comments_open(self, client, index, site_settings):
        site_settings.comments_close_after_days = 0
        site_settings.save()
        ancient = make_article(index, "Ancient", days_ago=3000)
        assert post_reply(client, ancient).status_code == 302


@pytest.fixture
def moderators(django_user_model):
    """A moderator, an editor and a writer with email addresses (only the first two moderate)."""
    users = {}
    for username, group in (("mona", "Moderators"), ("eddie", "Editors"), ("wendy", "Writers")):
        user = django_user_model.objects.create_user(username, f"{username}@example.com", "pw")
        user.groups.add(Group.objects.get(name=group))
        users[username] = user
    return users


class TestModeratorEmails:
    def test_each_moderator_and_editor_is_told_about_a_pending_comment(
        self, client, article, moderators, mailoutbox
    ):
        post_reply(client, article, email="private.reader@example.com")
        assert sorted(to for email in mailoutbox for to in email.to) == [
            "eddie@example.com",
            "mona@example.com",
        ]
        email = mailoutbox[0]
        assert email.subject == "New comment to moderate on “Coping with panic”"
        assert "Jamie left a comment" in email.body
        assert "This helped me understand" in email.body
        assert "http://testserver/admin/articles/comment/?status__exact=pending" in email.body
        assert "private.reader@example.com" not in email.body

    def test_a_mail_failure_loses_nothing(self, client, article, moderators):
        with mock.patch(
            "django.core.mail.backends.locmem.EmailBackend.send_messages",
            side_effect=OSError("SMTP down"),
        ):
            response = post_reply(client, article)
        assert response.status_code == 302
        assert Comment.objects.get().status == Comment.Status.PENDING


class TestReturningCommenters:
    def test_auto_approved_when_the_setting_says_so(
        self, client, article, site_settings, moderators, mailoutbox
    ):
        site_settings.auto_approve_returning_commenters = True
        site_settings.save()
        make_comment(article, "Jamie", email="jamie@example.com", minutes_ago=60)
        response = post_reply(client, article, email="Jamie@Example.com")
        comment = Comment.objects.latest("created_at")
        assert comment.status == Comment.Status.APPROVED
        assert response["Location"] == f"/articles/panic/#comment-{comment.pk}"
        assert mailoutbox == []
        page = soup(client.get(response["Location"]))
        assert "published as #2" in page.find(id="comment-notice").get_text()
        assert numbered(page)[-1] == ("#2", "Jamie", f"comment-{comment.pk}")

    def test_not_without_the_setting(self, client, article, site_settings):
        make_comment(article, "Jamie", email="jamie@example.com", minutes_ago=60)
        post_reply(client, article)
        assert Comment.objects.latest("created_at").status == Comment.Status.PENDING

    @pytest.mark.parametrize("earlier", ["pending", "rejected", "spam"])
    def test_only_an_approved_comment_counts(self, client, article, site_settings, earlier):
        site_settings.auto_approve_returning_commenters = True
        site_settings.save()
        make_comment(article, "Jamie", email="jamie@example.com", status=earlier, minutes_ago=60)
        post_reply(client, article)
        assert Comment.objects.latest("created_at").status == Comment.Status.PENDING


class TestRecentComments:
    def test_latest_approved_comments_link_to_their_anchor(self, client, index, article):
        other = make_article(index, "Sleep well", slug="sleep-well")
        unpublished = make_article(index, "Draft", slug="draft")
        make_comment(unpublished, "Hidden Draft Reader", minutes_ago=1)
        unpublished.unpublish()
        make_comment(article, "Pending Pat", status="pending", minutes_ago=1)
        made = [
            make_comment(article if n % 2 else other, f"Reader {n}", minutes_ago=100 - n)
            for n in range(7)
        ]
        for path in (article.url, "/articles/", "/articles/topics/anxiety/"):
            box = soup(client.get(path)).find(class_="recent-comments")
            assert box.find("h2").get_text() == "Recent Comments"
            items = box.find_all("li")
            names = [item.find(class_="recent-comments__name").get_text() for item in items]
            assert names == ["Reader 6", "Reader 5", "Reader 4", "Reader 3", "Reader 2"]
            newest = made[6]
            assert items[0].find("a")["href"] == f"/articles/sleep-well/#comment-{newest.pk}"
            assert items[0].get_text(" ", strip=True).startswith("Reader 6 :")
        html = client.get("/articles/").content.decode()
        assert "Pending Pat" not in html and "Hidden Draft Reader" not in html

    def test_comments_on_private_articles_stay_private(self, client, rf, index, article):
        members_only = make_article(index, "Members only", slug="members-only")
        PageViewRestriction.objects.create(page=members_only, restriction_type="login")
        make_comment(members_only, "Private Reader")
        make_comment(article, "Public Reader", minutes_ago=5)
        box = soup(client.get("/articles/")).find(class_="recent-comments")
        assert "Public Reader" in box.get_text()
        assert "Private Reader" not in box.get_text()
        # A restriction on an ancestor (here the whole index) hides its articles' comments too.
        PageViewRestriction.objects.create(page=index, restriction_type="login")
        sidebar = Template("{% load article_tags %}{% recent_comments %}")
        assert "Reader" not in sidebar.render(Context({"request": rf.get("/")}))

    def test_excerpt_is_cut_at_a_word_boundary(self, client, article):
        body = "Breathing slowly helped me more than I expected. " * 6
        comment = make_comment(article, "Ana", body=body)
        link = soup(client.get("/articles/")).select_one(".recent-comments a")
        assert link.get_text().endswith("…")
        shown = link.get_text().removesuffix("…")
        assert body.startswith(shown)
        assert body[len(shown)] in " .,"  # the cut falls between words
        assert link["href"] == f"/articles/panic/#comment-{comment.pk}"

    def test_links_to_the_right_page_of_a_long_thread(self, client, article):
        Comment.objects.bulk_create(
            Comment(
                article=article,
                name=f"R{n}",
                email="r@example.com",
                body="Hi.",
                status="approved",
                number=n + 1,
                created_at=timezone.now() - timedelta(hours=2, minutes=-n),
            )
            for n in range(COMMENTS_PER_PAGE + 3)
        )
        newest = Comment.objects.order_by("-created_at").first()
        link = soup(client.get("/articles/")).select_one(".recent-comments a")
        assert link["href"] == f"/articles/panic/?comments=2#comment-{newest.pk}"
        page = soup(client.get(link["href"]))
        assert page.find(id=f"comment-{newest.pk}") is not None

    def test_no_box_without_comments(self, client, article):
        assert soup(client.get("/articles/")).find(class_="recent-comments") is None

    @pytest.mark.parametrize(
        "text, limit, expected",
        [
            ("Short and sweet.", 100, "Short and sweet."),
            ("one two three four five", 10, "one two…"),
            ("word, another", 10, "word…"),
            ("x" * 30, 10, "x" * 10 + "…"),
            ("  spaced\n\nout   text ", 100, "spaced out text"),
        ],
    )
    def test_excerpt(self, text, limit, expected):
        assert excerpt(text, limit) == expected


def _count_queries(client, url):
    client.get(url)  # warm caches as a running site has them
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


# Measured (docs/performance.md, "SQL queries per page"), plus a margin for small shared additions
# to the frame.
MAX_ARTICLE_QUERIES = 11


@pytest.fixture
def rich_article(index):
    """An article as the demo has them: hero image, two topics, two authors and related articles
    with their own pictures."""
    topics = [make_topic("Anxiety"), make_topic("Sleep")]
    authors = [make_author("Maya Okafor"), make_author("Daniel Reyes")]
    for number in range(3):
        make_article(
            index, topics=topics, authors=authors, hero_image=make_image(), days_ago=number + 1
        )
    return make_article(
        index,
        "Coping with panic",
        slug="panic",
        topics=topics,
        authors=authors,
        hero_image=make_image(),
    )


class TestQueryCounts:
    def test_article_page_same_count_with_1_and_500_comments(self, client, rich_article):
        article = rich_article
        empty = _count_queries(client, article.url)
        make_comment(article, "First reader", minutes_ago=1000)
        one = _count_queries(client, article.url)
        Comment.objects.bulk_create(
            Comment(
                article=article,
                name=f"Reader {n}",
                email=f"reader{n}@example.com",
                website="https://example.com" if n % 3 else "",
                body="A comment with a few words in it.\n\nAnd a second paragraph.",
                status="approved" if n % 10 else "pending",
                number=n + 1 if n % 10 else None,
                created_at=timezone.now() - timedelta(minutes=n),
            )
            for n in range(1, 555)
        )
        assert Comment.objects.approved().count() == 500
        full = _count_queries(client, article.url)
        last_page = _count_queries(client, article.url + "?comments=10")
        print(f"article page queries: 0 comments {empty}, 1 comment {one}, 500 comments {full}")
        # With none there is no page of comments to fetch: one query fewer.
        assert empty + 1 == one == full == last_page

    def test_bounded(self, client, rich_article, django_assert_max_num_queries):
        article = rich_article
        for n in range(60):
            make_comment(article, f"Reader {n}")
        client.get(article.url)
        with django_assert_max_num_queries(MAX_ARTICLE_QUERIES):
            client.get(article.url)

    def test_recent_comments_cost_the_same_with_many_articles(self, client, index):
        def grow(count):
            for _ in range(count):
                make_comment(make_article(index), "Reader")

        grow(2)
        few = _count_queries(client, "/articles/")
        grow(8)
        assert _count_queries(client, "/articles/") == few
