"""RSS 2.0 feeds of the newest articles, site-wide and per topic (Django syndication framework)."""

from django.apps import apps
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.utils.dateformat import format as format_date
from django.utils.feedgenerator import Rss201rev2Feed
from django.utils.html import strip_tags

from home.absolute import absolute_url, page_url
from home.models import SiteSettings

FEED_LENGTH = 20
# The category that marks an article with a correction or update (RSS 2.0 has no "updated").
UPDATED_CATEGORY = "Updated"


class ArticleFeed(Feed):
    feed_type = Rss201rev2Feed

    def __init__(self, index, topic=None):
        super().__init__()
        self.index = index
        self.topic = topic

    def get_object(self, request, *args, **kwargs):
        self.request = request
        self.site_name = SiteSettings.name_for(request)
        return self.topic

    def title(self, topic):
        if topic:
            return f"{topic.name} – {self.site_name}"
        return f"{self.index.title} – {self.site_name}"

    def link(self, topic):
        base = page_url(self.index, self.request)
        return base + self.index.reverse_subpage("topic", args=[topic.slug]) if topic else base

    def feed_url(self, topic):
        return absolute_url(self.request.path)

    def description(self, topic):
        if topic:
            return topic.description or f"The newest articles about {topic.name}."
        return self.index.intro or f"The newest articles from {self.site_name}."

    def items(self, topic):
        articles = self.index.articles()
        if topic:
            articles = articles.filter(topics=topic)
        # By name: the models import this module (the index's feed routes).
        notes = apps.get_model("articles", "ArticleCorrection").objects.order_by("-date", "-pk")
        return articles.prefetch_related(Prefetch("corrections", queryset=notes))[:FEED_LENGTH]

    def latest_note(self, article):
        """The article's newest correction or update (prefetched, newest first), or None."""
        notes = article.corrections.all()
        return notes[0] if notes else None

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        """The standfirst; an updated article's starts with its newest note, dated, so feed
        readers show what changed."""
        note = self.latest_note(article)
        if note is None:
            return article.standfirst
        when = format_date(note.date, "F j, Y")
        text = strip_tags(note.note).strip()
        return f"{note.get_kind_display()}, {when}: {text} — {article.standfirst}"

    def item_link(self, article):
        return page_url(article, self.request)

    def item_guid_is_permalink(self, article):
        return True

    def item_pubdate(self, article):
        return article.published_datetime

    def item_updateddate(self, article):
        return article.last_published_at

    def item_author_name(self, article):
        return ", ".join(author.name for author in article.authors.all()) or None

    def item_categories(self, article):
        categories = [topic.name for topic in article.topics.all()]
        if self.latest_note(article) is not None:
            categories.append(UPDATED_CATEGORY)
        return categories
