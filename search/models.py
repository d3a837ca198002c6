"""Search documents: one small indexed model per search scope.

Wagtail's database backend can restrict a search to some fields only with `fields=`, which
does not work on related fields (authors), is refused on SQLite beyond title/body, and on
PostgreSQL builds a tsvector for every row at query time instead of using the GIN index. So
each scope gets its own model whose single search field holds exactly that scope's text:
searching a scope is a plain `search()` on its model, matched and ranked by the backend
through its index, and a Content search can never match a title or an author name.

The primary key is a recency key (publication day, then the page id), so the backend's own
tie-break ("-pk") puts the newest article first among equal ranks, and "newest first" is
`order_by("-pk")`. Rows exist only for live, public articles; `search.documents` keeps them in
step with publishing (signals) and `manage.py rebuild_search_documents` rebuilds them.
"""

from django.db import models
from wagtail.search import index
from wagtail.search.utils import MAX_QUERY_STRING_LENGTH, normalise_query_string

# An article's recency key: its publication day's ordinal, then its page id (below 10**9).
RECENCY_FACTOR = 10**9


def recency_key(day, article_id):
    return day.toordinal() * RECENCY_FACTOR + article_id


class SearchDocument(index.Indexed, models.Model):
    id = models.BigIntegerField(primary_key=True, help_text="Recency key; see recency_key().")
    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="+", db_index=True
    )
    text = models.TextField()

    # Indexed explicitly by search.documents (after the row's text is final, in bulk).
    search_auto_update = False

    search_fields = [
        index.SearchField("text"),
        index.FilterField("article_id"),
        index.FilterField("id"),
    ]

    def __str__(self):
        return self.text[:80]

    class Meta:
        abstract = True


class TitleDocument(SearchDocument):
    """An article's title. Also the source of autocomplete suggestions."""

    search_fields = SearchDocument.search_fields + [index.AutocompleteField("text")]

    class Meta:
        verbose_name = "title search document"


class ContentDocument(SearchDocument):
    """An article's text: its standfirst and body, as plain text (no title, no authors)."""

    class Meta:
        verbose_name = "content search document"


class AuthorDocument(SearchDocument):
    """The names of an article's authors (suggestions complete them too)."""

    search_fields = SearchDocument.search_fields + [index.AutocompleteField("text")]

    class Meta:
        verbose_name = "author search document"


SCOPE_MODELS = {"title": TitleDocument, "content": ContentDocument, "author": AuthorDocument}
SCOPE_OF = {model: scope for scope, model in SCOPE_MODELS.items()}


class ApprovedSearchTerm(models.Model):
    """A search an editor has read and allowed on the public "Popular searches" list.

    Readers' searches are counted by Wagtail's search_promotions (`Query`, `QueryDailyHits`), but
    what a visitor typed may be an email address, a phone number or a health condition, so the
    search page lists only the popular searches that match one of these (docs/search.md)."""

    query_string = models.CharField(
        max_length=MAX_QUERY_STRING_LENGTH,
        unique=True,
        verbose_name="search term",
        help_text="Shown under “Popular searches” once readers search for it often enough. "
        "Approve only general topics: never a name, address, phone number or anything personal.",
    )
    approved_at = models.DateTimeField(auto_now_add=True)

    def save(self, *args, **kwargs):
        # Stored as Wagtail stores Query.query_string, so the two match exactly.
        self.query_string = normalise_query_string(self.query_string)
        super().save(*args, **kwargs)

    def __str__(self):
        return self.query_string

    class Meta:
        ordering = ["query_string"]
        verbose_name = "approved popular search"


class SearchWord(models.Model):
    """A word of the searchable texts of one scope and in how many documents it occurs: the
    vocabulary "Did you mean" picks from (search/spelling.py). Kept by search.documents as the
    documents change; `rebuild_search_documents` recounts it."""

    scope = models.CharField(max_length=10)
    word = models.CharField(max_length=40, help_text="Lower case: what queries are compared to.")
    display = models.CharField(max_length=40, help_text="As written (an author's capitals).")
    documents = models.PositiveIntegerField(default=0)

    def __str__(self):
        return f"{self.word} ({self.scope})"

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "word"], name="search_word_unique_per_scope")
        ]
