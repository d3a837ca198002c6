"""Search documents follow the articles: publishing, unpublishing, deleting, renaming an author,
and privacy settings (only public articles are searchable)."""

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from wagtail.models import PageViewRestriction
from wagtail.signals import page_published, page_unpublished

from articles.models import ArticlePage, Author

from . import documents


def _sync_later(ids):
    ids = list(ids)
    # After the surrounding transaction: the page's new revision and relations are saved.
    transaction.on_commit(lambda: documents.sync_articles(ids))


@receiver(page_published, sender=ArticlePage)
@receiver(page_unpublished, sender=ArticlePage)
def article_changed(sender, instance, **kwargs):
    _sync_later([instance.pk])


@receiver(pre_delete, sender=ArticlePage)
def article_deleted(sender, instance, **kwargs):
    documents.remove_articles([instance.pk])


@receiver(post_save, sender=Author)
def author_saved(sender, instance, created, **kwargs):
    if not created:
        _sync_later(instance.articles.live().values_list("pk", flat=True))


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def privacy_changed(sender, instance, **kwargs):
    page = instance.page
    _sync_later(
        ArticlePage.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True)
    )
