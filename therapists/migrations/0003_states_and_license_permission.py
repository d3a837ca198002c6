"""Fill the State table, and let Editors and Moderators verify therapists' licenses."""

from django.db import migrations

from therapists.states import STATES

EDITOR_GROUPS = ["Editors", "Moderators"]


def forwards(apps, schema_editor):
    State = apps.get_model("therapists", "State")
    for code, name in STATES:
        State.objects.update_or_create(code=code, defaults={"name": name})

    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    content_type, _ = ContentType.objects.get_or_create(
        app_label="therapists", model="therapistprofilepage"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="verify_license",
        defaults={"name": "Can verify therapists' licenses"},
    )
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(permission)


def backwards(apps, schema_editor):
    apps.get_model("therapists", "State").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("therapists", "0002_directory_models"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
