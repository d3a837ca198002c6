"""Article models, one module per kind: each page model, the snippets, comments, the newsletter,
the WordPress import's ledger.

Everything is re-exported here, so `from articles.models import ArticlePage` keeps working.
"""

from .article_page import ArticlePage, ArticlePageTag, ArticleRelatedLink
from .comments import Comment
from .imports import ImportedItem
from .index_page import ArticleIndexPage
from .newsletter import NewsletterDelivery, NewsletterIssue, Subscriber
from .review import ClinicalReviewer, ClinicalReviewTask
from .snippets import Author, Topic
from .trust import ArticleCorrection

__all__ = [
    "ArticleCorrection",
    "ArticleIndexPage",
    "ArticlePage",
    "ArticlePageTag",
    "ArticleRelatedLink",
    "Author",
    "ClinicalReviewTask",
    "ClinicalReviewer",
    "Comment",
    "ImportedItem",
    "NewsletterDelivery",
    "NewsletterIssue",
    "Subscriber",
    "Topic",
]
