"""Article models, one module per kind (pages, snippets); later features add their own module.

Everything is re-exported here, so `from articles.models import ArticlePage` keeps working.
"""

from .comments import Comment
from .imports import ImportedItem
from .newsletter import NewsletterDelivery, NewsletterIssue, Subscriber
from .pages import ArticleIndexPage, ArticlePage, ArticlePageTag, ArticleRelatedLink
from .snippets import Author, Topic

__all__ = [
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleRelatedLink",
    "Author",
    "Comment",
    "ImportedItem",
    "NewsletterDelivery",
    "NewsletterIssue",
    "Subscriber",
    "Topic",
]
