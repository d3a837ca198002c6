"""Keep the directory's derived data honest (connected in apps.py by importing this module).

- Cached facet counts and option lists (counts.py) start afresh on any change to what is live:
  a profile published, unpublished or deleted, its availability answered, an option of a
  vocabulary (facets.py) added, renamed or deleted; the task worker then warms the landing
  page's (landing_cache.py).
- Every profile has its availability row (models/availability.py) from the moment it exists.
- The page cache (docs/operations.md, "The page cache"): an availability answer, live at once
  without a publish, purges its profile and the directory's pages (results, Browse Locations);
  a vocabulary change, shown in filters and in the prompt on every article, empties the cache.
  Publishing, unpublishing and deleting profiles purge through home/cache_purges.py.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from home.cache_purges import purge_site
from home.frontend_cache import page_key, purge_on_commit

from .counts import forget_facet_counts
from .facets import VOCABULARY_FACETS
from .landing_cache import warm_landing_page_after_commit
from .models import ProfileAvailability, TherapistIndexPage, TherapistProfilePage


@receiver(page_published, sender=TherapistProfilePage)
@receiver(page_unpublished, sender=TherapistProfilePage)
@receiver(post_delete, sender=TherapistProfilePage)
@receiver(post_save, sender=ProfileAvailability)
def profile_changed(sender, **kwargs):
    forget_facet_counts()
    warm_landing_page_after_commit()


for _facet in VOCABULARY_FACETS:
    _name = _facet.model.__name__
    post_save.connect(profile_changed, sender=_facet.model, dispatch_uid=f"facets-{_name}")
    post_delete.connect(profile_changed, sender=_facet.model, dispatch_uid=f"facets-del-{_name}")
    post_save.connect(purge_site, sender=_facet.model, dispatch_uid=f"purge-{_name}")
    post_delete.connect(purge_site, sender=_facet.model, dispatch_uid=f"purge-del-{_name}")


@receiver(post_save, sender=ProfileAvailability)
def purge_availability(sender, instance, raw=False, **kwargs):
    if raw:
        return
    directory_ids = TherapistIndexPage.objects.values_list("pk", flat=True)
    purge_on_commit(page_key(instance.profile_id), *(page_key(pk) for pk in directory_ids))


@receiver(post_save, sender=TherapistProfilePage)
def give_new_profile_its_availability(sender, instance, created, raw=False, **kwargs):
    """A new profile accepts new clients, as of today, until its therapist says otherwise."""
    if created and not raw:
        ProfileAvailability.objects.get_or_create(profile_id=instance.pk)
