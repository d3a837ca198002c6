"""Article models, one module per kind (pages, snippets); later features add their own module.

Everything is re-exported here, so `from articles.models import ArticlePage` keeps working.
"""

from .pages import ArticleIndexPage, ArticlePage, ArticleRelatedLink
from .snippets import Author, Topic

__all__ = ["ArticleIndexPage", "ArticlePage", "ArticleRelatedLink", "Author", "Topic"]
