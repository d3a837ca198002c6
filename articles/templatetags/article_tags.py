from django import template

from articles import front_page
from articles.models import ArticleIndexPage, Comment, Topic
from articles.page_cache import COMMENTS_KEY
from home.frame import first_live, frame_value
from home.frontend_cache import tag_request
from home.visibility import exclude_restricted

register = template.Library()

RECENT_COMMENTS = 5


@register.inclusion_tag("articles/includes/topic-nav.html", takes_context=True)
def topic_nav(context):
    """The sidebar's list of topics, linking to their pages below the article index."""
    request = context.get("request")
    index = context.get("index")
    if not isinstance(index, ArticleIndexPage):
        index = frame_value(request, "article_index", first_live(ArticleIndexPage))
    current = context.get("topic")
    return {
        "request": request,
        "index": index,
        "topics": frame_value(request, "topics", lambda: list(Topic.objects.all()))
        if index
        else [],
        "current_slug": getattr(current, "slug", None),
    }


@register.inclusion_tag("articles/includes/recent-comments.html", takes_context=True)
def recent_comments(context, count=RECENT_COMMENTS):
    """The newest approved comments on live, public articles, as "Name: excerpt…" linking to the
    comment on its article (the right page of comments). One query whatever the data size,
    kept in the cached frame (home/frame.py) until a comment or page changes."""
    request = context.get("request")
    tag_request(request, COMMENTS_KEY)  # purged when a comment is approved or withdrawn
    items = frame_value(
        request, f"recent_comments:{count}", lambda: _recent_comments(request, count)
    )
    return {"request": request, "recent_comments": items}


def _recent_comments(request, count):
    # Pages under a view restriction (login, password, groups) keep their comments private too.
    comments = (
        exclude_restricted(Comment.objects.approved().filter(article__live=True), "article__path")
        .select_related("article")
        .defer("article__body")
        .with_position()
        .order_by("-created_at", "-pk")[:count]
    )
    items = []
    for comment in comments:
        article_url = comment.article.get_url(request)
        if article_url:
            items.append((comment, comment.get_anchor_url(article_url, comment.position)))
    return items


@register.simple_tag
def front_page_articles(home_page):
    """The home page's featured and newest articles (articles.front_page)."""
    return front_page.front_page_articles(home_page)


@register.simple_tag
def front_page_topics(home_page):
    """The home page's topics with their article counts (articles.front_page)."""
    return front_page.front_page_topics(home_page)
