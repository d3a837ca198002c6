"""What the publishing side purges from the page cache, beyond home's page and settings purges
(home/cache_purges.py; docs/operations.md, "The page cache").

- A comment shows on its article and in Recent Comments (the sidebar of article, index, topic
  and author pages, which name COMMENTS_KEY through `tag_request`). Approving one, withdrawing
  it, editing or deleting an approved one purges those two keys; a new pending comment, which
  no page shows, purges nothing, so a flood of comments cannot empty the cache.
- Authors and topics show on every article listing: a change to one empties the cache, and so
  does a change to the directory issues a topic maps to (every article of the topic shows them,
  and its help section's links).
- Corrections and updates are part of their article (an inline of the page): they show only
  once it is published, and publishing empties the cache (home/cache_purges.py), which takes
  the article, /articles/corrections/ and the feeds with it.
"""

from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save

from home.cache_purges import purge_site
from home.frame import forget_frame
from home.frontend_cache import page_key, purge_on_commit

from .models import Author, Comment, Topic

COMMENTS_KEY = "recent-comments"


def _remember_approval(sender, instance, raw=False, **kwargs):
    instance.was_approved = (
        not raw
        and not instance._state.adding
        and Comment.objects.filter(pk=instance.pk, status=Comment.Status.APPROVED).exists()
    )


def purge_comment(sender, instance, **kwargs):
    if instance.is_approved or getattr(instance, "was_approved", False):
        purge_on_commit(page_key(instance.article_id), COMMENTS_KEY)


def connect_purges():
    pre_save.connect(_remember_approval, sender=Comment, dispatch_uid="articles_comment_before")
    post_save.connect(purge_comment, sender=Comment, dispatch_uid="articles_comment_saved")
    post_delete.connect(purge_comment, sender=Comment, dispatch_uid="articles_comment_deleted")
    for model in (Author, Topic):
        for signal in (post_save, post_delete):
            signal.connect(
                purge_site, sender=model, dispatch_uid=f"articles_purge_{model.__name__}"
            )
    m2m_changed.connect(
        _topic_issues_changed, sender=Topic.issues.through, dispatch_uid="articles_topic_issues"
    )


def _topic_issues_changed(sender, action, **kwargs):
    # The topic's own post_save ran before its issues were saved: the frame's topic-issue map
    # (articles/models/reader_help.py) and the pages are read again after this.
    if action in ("post_add", "post_remove", "post_clear"):
        forget_frame()
        purge_site()
