"""The "Moderators" group moderates comments only; Editors moderate too (articles/moderation.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def set_up(apps, schema_editor):
    from articles.moderation import set_up_moderation

    # Permissions of new models are normally created after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    set_up_moderation(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0004_comments_and_newsletter"),
        # After Wagtail's own migrations that give Moderators page, image and document rights.
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
