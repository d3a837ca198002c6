"""Editors manage promoted search results (wagtail.contrib.search_promotions)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITORS = "Editors"  # articles.publishing.EDITORS, created by articles/0003


def grant(apps, schema_editor):
    # Permissions of new models are normally created after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="wagtailsearchpromotions",
            content_type__model="searchpromotion",
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0002_indexentry_title_body_gin"),
        ("articles", "0005_comment_moderators"),
        ("wagtailsearchpromotions", "0008_query_verbose_name"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
