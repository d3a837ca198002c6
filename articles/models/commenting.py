"""Comments on the article page: what the page shows, and what happens when a reader replies.
The page's own request handling, so it lives beside the models it serves (as Wagtail's form
pages keep theirs on the page): nothing here imports from outside `models` but `home`.

ArticlePage.get_context adds `comment_section(...)`; ArticlePage.serve hands POSTs to
`post_comment`. A good reply is saved (pending, or approved for a returning commenter when the
site setting allows), moderators are emailed about pending ones, and the reader is redirected
back with a notice (POST/redirect/GET). A reply that fails validation or a spam check re-renders
the page with the form, the reader's input and the reason (4xx); nothing is lost or half-saved.
"""

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone

from home.absolute import absolute_url, page_url
from home.client_identity import client_hash
from home.mail import email_builder, send_later
from home.models import SiteSettings
from home.pagination import paginate
from home.rate_limits import refuse_form

from .comment_form import CommentForm
from .comments import COMMENTS_PAGE_PARAM, COMMENTS_PER_PAGE, ApprovedThread, Comment

# At most this many comments (valid or not) per client in the window.
COMMENT_RATE = "6/10m"
DUPLICATE_WINDOW = timedelta(days=1)
MODERATE_PERMISSION = ("articles", "change_comment")
NOTICE_TAG = "comment-notice"


def closing_time(article, site_settings):
    """When comments on the article close by themselves (None: they don't)."""
    days = site_settings.comments_close_after_days
    published = article.display_date
    if not days or published is None:
        return None
    return timezone.make_aware(datetime.combine(published + timedelta(days=days), time.min))


def closed_reason(article, site_settings, now=None):
    """Why comments are closed on this article (a sentence for readers), or None if open."""
    if not article.comments_open:
        return "Comments are closed on this article."
    closes = closing_time(article, site_settings)
    if closes is not None and (now or timezone.now()) >= closes:
        return (
            f"Comments closed on {timezone.localtime(closes):%B} {closes.day}, {closes.year}, "
            f"{site_settings.comments_close_after_days} days after publication."
        )
    return None


def comment_section(article, request, form=None):
    """Template context of the comments section: one page of approved comments (in the order of
    their numbers), their count, the form or why comments are closed.

    Two queries whatever the number of comments (the count, then one page of them)."""
    site_settings = SiteSettings.for_request(request)
    if article.pk is None:  # previewing an article that was never saved
        comments = Comment.objects.none()
    else:
        comments = (
            Comment.objects.approved()
            .filter(article=article)
            .select_related("parent")
            .in_display_order()
        )
    page_obj = paginate(
        request, ApprovedThread(comments), COMMENTS_PER_PAGE, param=COMMENTS_PAGE_PARAM
    )
    numbered = [(comment.number, comment) for comment in page_obj.object_list]
    mark_replies([comment for _, comment in numbered])
    closed = closed_reason(article, site_settings)
    if form is None and not closed:
        form = CommentForm(article=article)
    # The notices this module left (a reply saved, refused or closed), shown by the form.
    notices = [notice for notice in messages.get_messages(request) if NOTICE_TAG in notice.tags]
    return {
        "comment_notices": notices,
        "comments": numbered,
        "comment_count": page_obj.paginator.count,
        "comments_page": page_obj,
        "comments_closed": closed,
        "comment_form": form if not closed else None,
    }


def mark_replies(comments):
    """Give each reply to an approved comment `reply_to` (that comment) and `reply_to_here`
    (whether it is on this page of comments, so its anchor can be linked)."""
    on_page = {comment.pk for comment in comments}
    for comment in comments:
        parent = comment.parent
        comment.reply_to = parent if parent and parent.is_approved else None
        comment.reply_to_here = bool(parent) and parent.pk in on_page


def _render_with_form(article, request, form, status):
    context = article.get_context(request, comment_form=form)
    return TemplateResponse(request, article.get_template(request), context, status=status)


def post_comment(article, request):
    """Handle "Leave a Reply"."""
    form = CommentForm(request.POST, article=article)
    site_settings = SiteSettings.for_request(request)
    closed = closed_reason(article, site_settings)
    if closed:
        messages.error(request, f"{closed} Your comment was not saved.", extra_tags=NOTICE_TAG)
        return _render_with_form(article, request, None, status=403)
    refusal = refuse_form(
        request,
        form,
        lambda form, status: _render_with_form(article, request, form, status),
        group="articles.comment",
        rate=COMMENT_RATE,
        limited_message="You have sent several comments in a short time. Please wait ten "
        "minutes and send this one again; what you wrote is still below.",
    )
    if refusal:
        return refusal

    data = form.cleaned_data
    duplicate = Comment.objects.filter(
        article=article,
        email=data["email"],
        body=data["body"],
        created_at__gte=timezone.now() - DUPLICATE_WINDOW,
    ).exists()
    if duplicate:
        messages.info(
            request,
            "You have already sent this comment; it is saved and needs no second copy.",
            extra_tags=NOTICE_TAG,
        )
        return HttpResponseRedirect(article.get_url(request) + "#reply")

    comment = form.save(commit=False)
    comment.article = article
    comment.client_hash = client_hash(request)
    returning = (
        site_settings.auto_approve_returning_commenters
        and Comment.objects.approved().filter(email=comment.email).exists()
    )
    if returning:
        comment.moderate(Comment.Status.APPROVED)
    comment.save()

    if returning:
        position = Comment.objects.filter(pk=comment.pk).with_position().get().position
        url = comment.get_anchor_url(article.get_url(request), position)
        messages.success(
            request,
            f"Thank you, {comment.name}. Your comment is published as #{position}.",
            extra_tags=NOTICE_TAG,
        )
        return HttpResponseRedirect(url)
    notify_moderators(comment)
    messages.success(
        request,
        f"Thank you, {comment.name}. Your comment is awaiting moderation and will appear "
        "here once a moderator approves it.",
        extra_tags=NOTICE_TAG,
    )
    return HttpResponseRedirect(article.get_url(request) + "#reply")


def moderator_addresses():
    """Email addresses of active users who may moderate comments (through a group, such as
    Moderators and Editors, or their own permissions)."""
    permission = Permission.objects.get(
        content_type__app_label=MODERATE_PERMISSION[0], codename=MODERATE_PERMISSION[1]
    )
    users = (
        get_user_model()
        .objects.filter(is_active=True)
        .filter(Q(groups__permissions=permission) | Q(user_permissions=permission))
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    return sorted(set(users))


def notify_moderators(comment):
    """Queue an email to each moderator about a new pending comment (home/mail.py): the reader's
    answer never waits for the mail server, and a failed send is retried, then listed for staff.
    Returns the number queued."""
    recipients = moderator_addresses()
    for address in recipients:
        send_later(new_comment_email, comment.pk, address, recipient=address)
    return len(recipients)


@email_builder("Comment to moderate")
def new_comment_email(comment_id, address):
    """Written by the task worker; nothing once the comment is gone or already moderated."""
    comment = Comment.objects.select_related("article").filter(pk=comment_id).first()
    if comment is None or comment.status != Comment.Status.PENDING:
        return None
    context = {
        "comment": comment,
        "article": comment.article,
        "moderation_url": absolute_url(
            reverse("articles_comment_modeladmin_index")
            + f"?status__exact={Comment.Status.PENDING}"
        ),
        "article_url": page_url(comment.article),
        "site_name": SiteSettings.name_for(),
    }
    subject = f"New comment to moderate on “{comment.article.title}”"
    body = render_to_string("articles/emails/new-comment.txt", context)
    return EmailMessage(subject=subject, body=body, to=[address])
