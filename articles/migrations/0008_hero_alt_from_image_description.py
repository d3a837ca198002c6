"""An article's hero alt text comes from the image's description (Wagtail's Image.description);
`hero_alt` stays as an optional per-article override.

Forwards: each hero alt text is written to its image's description when that is empty, then
cleared on the article when it equals the description (so editing the image's description
updates the article). A hero alt text that differs from an existing description is kept as the
override. Nothing is lost. Backwards: every article with a hero image and no override gets the
image's description as its hero_alt again."""

from django.db import migrations, models


def alt_to_description(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    Image = apps.get_model("wagtailimages", "Image")
    articles = ArticlePage.objects.filter(hero_image__isnull=False).exclude(hero_alt="")
    for article in articles.order_by("pk").iterator():
        alt = article.hero_alt.strip()
        image = Image.objects.get(pk=article.hero_image_id)
        if not (image.description or "").strip() and alt:
            image.description = alt
            image.save(update_fields=["description"])
        if alt == (image.description or "").strip():
            ArticlePage.objects.filter(pk=article.pk).update(hero_alt="")
            _clear_in_revisions(apps, article.pk, alt)


def _clear_in_revisions(apps, page_id, alt):
    """The editor opens the latest revision, so the override goes from the revisions too."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    Revision = apps.get_model("wagtailcore", "Revision")
    content_type = ContentType.objects.filter(app_label="articles", model="articlepage").first()
    if content_type is None:
        return
    revisions = Revision.objects.filter(content_type=content_type, object_id=str(page_id))
    for revision in revisions.iterator():
        if (revision.content.get("hero_alt") or "").strip() == alt:
            revision.content["hero_alt"] = ""
            revision.save(update_fields=["content"])


def description_to_alt(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    for article in ArticlePage.objects.filter(hero_image__isnull=False, hero_alt="").select_related(
        "hero_image"
    ):
        description = (article.hero_image.description or "").strip()
        if description:
            ArticlePage.objects.filter(pk=article.pk).update(hero_alt=description[:250])


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0007_image_block_alt_text"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="articlepage",
            name="hero_alt",
            field=models.CharField(
                blank=True,
                help_text="Leave empty to use the image’s own description (Images › the image › "
                "Description); fill in only if this article needs different words.",
                max_length=250,
                verbose_name="hero image alt text",
            ),
        ),
        migrations.RunPython(alt_to_description, description_to_alt),
    ]
