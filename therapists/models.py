from django.db import models
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class TherapistIndexPage(Page):
    intro = models.CharField(max_length=250, blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1

    class Meta:
        verbose_name = "therapist directory page"
