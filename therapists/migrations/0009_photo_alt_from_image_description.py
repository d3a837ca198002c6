"""A therapist's photo alt text comes from the image's description (Wagtail's
Image.description); `photo_alt` stays as an optional per-profile override. Each photo alt text is
written to its image's description when that is empty and cleared where it then matches (pages
and revisions); one that differs stays as the override. Nothing is lost; reversible."""

from django.db import migrations, models

from home import alt_text_migrations

ARGS = ("therapists", "therapistprofilepage", "photo", "photo_alt")


def alt_to_description(apps, schema_editor):
    alt_text_migrations.alt_to_description(apps, *ARGS)


def description_to_alt(apps, schema_editor):
    alt_text_migrations.description_to_alt(apps, *ARGS, max_length=200)


class Migration(migrations.Migration):
    dependencies = [
        ("therapists", "0008_remove_page_availability_fields"),
        ("wagtailimages", "0027_image_description"),
        ("wagtailcore", "0098_apitoken"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AlterField(
            model_name="therapistprofilepage",
            name="photo_alt",
            field=models.CharField(
                blank=True,
                help_text="Leave empty to use the photo’s own description (Images › the photo › Description); fill in only if this profile needs different words.",
                max_length=200,
                verbose_name="photo alt text",
            ),
        ),
        migrations.RunPython(alt_to_description, description_to_alt),
    ]
