from django import template
from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import PageViewRestriction

from articles.models import ArticleIndexPage, Comment, Topic

register = template.Library()

RECENT_COMMENTS = 5


@register.inclusion_tag("articles/includes/topic-nav.html", takes_context=True)
def topic_nav(context):
    """The sidebar's list of topics, linking to their pages below the article index."""
    index = context.get("index")
    if not isinstance(index, ArticleIndexPage):
        index = ArticleIndexPage.objects.live().first()
    current = context.get("topic")
    return {
        "request": context.get("request"),
        "index": index,
        "topics": Topic.objects.all() if index else [],
        "current_slug": getattr(current, "slug", None),
    }


@register.inclusion_tag("articles/includes/recent-comments.html", takes_context=True)
def recent_comments(context, count=RECENT_COMMENTS):
    """The newest approved comments on live, public articles, as "Name: excerpt…" linking to the
    comment on its article (the right page of comments). One query whatever the data size."""
    request = context.get("request")
    # Pages under a view restriction (login, password, groups) keep their comments private too;
    # checked in the same query, where PageQuerySet.public() would first load the restrictions.
    restricted = PageViewRestriction.objects.filter(
        page__path=Substr(OuterRef("article__path"), 1, Length("page__path"))
    )
    comments = (
        Comment.objects.approved()
        .filter(article__live=True)
        .exclude(Exists(restricted))
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
    return {"request": request, "recent_comments": items}
