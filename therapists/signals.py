"""Keep cached facet counts honest: any change to what is live starts them afresh."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.signals import page_published, page_unpublished

from .facets import forget_facet_counts
from .finder import TAXONOMY_MODELS
from .models import TherapistProfilePage


@receiver(page_published, sender=TherapistProfilePage)
@receiver(page_unpublished, sender=TherapistProfilePage)
@receiver(post_delete, sender=TherapistProfilePage)
def profile_changed(sender, **kwargs):
    forget_facet_counts()


for _param, taxonomy in TAXONOMY_MODELS:
    post_save.connect(profile_changed, sender=taxonomy, dispatch_uid=f"facets-{taxonomy.__name__}")
    post_delete.connect(
        profile_changed, sender=taxonomy, dispatch_uid=f"facets-del-{taxonomy.__name__}"
    )
