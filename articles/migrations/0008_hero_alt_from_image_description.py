"""An article's hero alt text comes from the image's description (Wagtail's Image.description);
`hero_alt` stays as an optional per-article override.

Forwards: each hero alt text is written to its image's description when that is empty, then
cleared on the article when it equals the description (so editing the image's description
updates the article). A hero alt text that differs from an existing description is kept as the
override. Nothing is lost. Backwards: every article with a hero image and no override gets the
image's description as its hero_alt again."""

from django.db import migrations, models

from home import alt_text_migrations

ARGS = ("articles", "articlepage", "hero_image", "hero_alt")


def alt_to_description(apps, schema_editor):
    alt_text_migrations.alt_to_description(apps, *ARGS)


def description_to_alt(apps, schema_editor):
    alt_text_migrations.description_to_alt(apps, *ARGS, max_length=250)


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
