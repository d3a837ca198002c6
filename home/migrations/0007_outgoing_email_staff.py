"""Editors (the site's staff) see the outbox and send failed emails again (home/mail.py)."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CODENAMES = ["view_outgoingemail", "change_outgoingemail", "delete_outgoingemail"]


def grant(apps, schema_editor):
    # Permissions of new models are normally created after all migrations; make them now.
    app_config = apps.get_app_config("home")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(
        *Permission.objects.filter(content_type__app_label="home", codename__in=CODENAMES)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0006_outgoing_email"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
