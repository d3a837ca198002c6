"""Writers and Editors groups, the writers' image collection and the "Article review" workflow.

See articles/publishing.py: page permissions and the workflow are granted on the article index
(now if it exists, else when it is created).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def set_up(apps, schema_editor):
    from articles.publishing import set_up_publishing

    # Permissions of new models are normally created after all migrations; make them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    set_up_publishing(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_author_profile_and_required_taxonomy"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0005_editingsession_is_editing"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailimages", "0027_image_description"),
    ]

    operations = [migrations.RunPython(set_up, migrations.RunPython.noop)]
