from django import template

from articles.models import ArticleIndexPage, Topic

register = template.Library()


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
