"""Keep the directory's derived data honest (connected in apps.py by importing this module).

- Cached facet counts and option lists (counts.py) start afresh on any change to what is live:
  a profile published, unpublished or deleted, its availability answered, an option of a
  vocabulary (facets.py) added, renamed or deleted.
- Every profile has its availability row (models/availability.py) from the moment it exists.
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .counts import forget_facet_counts
from .facets import VOCABULARY_FACETS
from .models import ProfileAvailability, TherapistProfilePage


@receiver(page_published, sender=TherapistProfilePage)
@receiver(page_unpublished, sender=TherapistProfilePage)
@receiver(post_delete, sender=TherapistProfilePage)
@receiver(post_save, sender=ProfileAvailability)
def profile_changed(sender, **kwargs):
    forget_facet_counts()


for _facet in VOCABULARY_FACETS:
    _name = _facet.model.__name__
    post_save.connect(profile_changed, sender=_facet.model, dispatch_uid=f"facets-{_name}")
    post_delete.connect(profile_changed, sender=_facet.model, dispatch_uid=f"facets-del-{_name}")


@receiver(post_save, sender=TherapistProfilePage)
def give_new_profile_its_availability(sender, instance, created, raw=False, **kwargs):
    """A new profile accepts new clients, as of today, until its therapist says otherwise."""
    if created and not raw:
        ProfileAvailability.objects.get_or_create(profile_id=instance.pk)
