"""Keep the search documents (search/models.py) in step with the live articles.

`sync_articles()` writes the three documents of each article that is live and public and removes
those of any other; the signal handlers (signals.py) call it when an article is published,
unpublished, moved or deleted and when an author is renamed. Each document is then indexed in
every search backend in bulk.
"""

from django.db import transaction
from django.utils import timezone
from wagtail.search.backends import get_search_backends

from articles.models import ArticlePage

from . import spelling
from .models import (
    SCOPE_MODELS,
    SCOPE_OF,
    AuthorDocument,
    ContentDocument,
    TitleDocument,
    recency_key,
)


def block_text(block):
    """One body block as plain text: the block's own searchable content (Wagtail's
    `get_searchable_content`; rich text through `wagtail.rich_text.get_text_for_indexing`).
    The blocks that hold no prose say so with `search_index=False` (home/blocks.py): the heading
    level, the image and its alt text; an embed has none."""
    return " ".join(" ".join(block.block.get_searchable_content(block.value)).split())


def content_text(article):
    """The article's standfirst and body as plain text, one paragraph per block."""
    parts = [article.standfirst.strip()]
    parts.extend(block_text(block) for block in article.body)
    return "\n".join(part for part in parts if part)


def author_text(article):
    return ", ".join(author.name for author in article.authors.all())


def article_day(article):
    if article.date_published:
        return article.date_published
    return timezone.localdate(article.first_published_at or timezone.now())


def _searchable_articles(ids):
    return (
        ArticlePage.objects.filter(pk__in=ids)
        .live()
        .public()
        .prefetch_related("authors")
        .order_by("pk")
    )


def documents_for(article):
    """The three unsaved documents of one article."""
    key = recency_key(article_day(article), article.pk)
    return {
        TitleDocument: TitleDocument(id=key, article_id=article.pk, text=article.title),
        ContentDocument: ContentDocument(id=key, article_id=article.pk, text=content_text(article)),
        AuthorDocument: AuthorDocument(id=key, article_id=article.pk, text=author_text(article)),
    }


def sync_articles(ids):
    """Rewrite the documents of these articles (page ids) and reindex them."""
    ids = list(ids)
    if not ids:
        return
    articles = list(_searchable_articles(ids))
    fresh = {model: [] for model in SCOPE_MODELS.values()}
    for article in articles:
        for model, document in documents_for(article).items():
            fresh[model].append(document)
    backends = list(get_search_backends(with_auto_update=True))
    with transaction.atomic():
        for model, documents in fresh.items():
            keep = {document.pk for document in documents}
            # The vocabulary of "Did you mean" follows the texts (search/spelling.py).
            old_texts = model.objects.filter(article_id__in=ids).values_list("text", flat=True)
            spelling.count_changes(
                SCOPE_OF[model], list(old_texts), [document.text for document in documents]
            )
            stale = list(model.objects.filter(article_id__in=ids).exclude(pk__in=keep))
            for document in stale:
                for backend in backends:
                    backend.delete(document)
            model.objects.filter(pk__in=[document.pk for document in stale]).delete()
            model.objects.bulk_create(
                documents, update_conflicts=True, unique_fields=["id"], update_fields=["text"]
            )
            for backend in backends:
                backend.add_bulk(model, documents)


def remove_articles(ids):
    """Drop the documents of these articles (page ids) and their index entries."""
    backends = list(get_search_backends(with_auto_update=True))
    for model in SCOPE_MODELS.values():
        documents = list(model.objects.filter(article_id__in=ids))
        spelling.count_changes(SCOPE_OF[model], [document.text for document in documents], [])
        for document in documents:
            for backend in backends:
                backend.delete(document)
        model.objects.filter(pk__in=[document.pk for document in documents]).delete()


def rebuild(batch_size=500, progress=None):
    """Documents for every live public article, and none for any other; returns how many
    articles are searchable."""
    ids = list(ArticlePage.objects.live().public().order_by("pk").values_list("pk", flat=True))
    wanted = set(ids)
    for model in SCOPE_MODELS.values():
        stale = set(model.objects.values_list("article_id", flat=True)) - wanted
        if stale:
            remove_articles(stale)
    for start in range(0, len(ids), batch_size):
        chunk = ids[start : start + batch_size]
        sync_articles(chunk)
        if progress:
            progress(len(chunk))
    spelling.rebuild()  # a full recount, whatever drift the vocabulary had
    return len(ids)
