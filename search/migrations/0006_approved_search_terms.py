"""Popular searches show only terms an editor approved (ApprovedSearchTerm); Editors manage them.
No existing search is approved here: what readers typed is shown only once someone has read it."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

EDITORS = "Editors"  # home.groups.EDITORS when this was written


def grant(apps, schema_editor):
    # Permissions of new models are normally created after all migrations; make them now.
    app_config = apps.get_app_config("search")
    app_config.models_module = True
    create_permissions(app_config, apps=apps, verbosity=0)
    app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name=EDITORS)
    group.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="search", content_type__model="approvedsearchterm"
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0005_postgres_partial_gin_per_scope"),
    ]

    operations = [
        migrations.CreateModel(
            name="ApprovedSearchTerm",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "query_string",
                    models.CharField(
                        help_text="Shown under “Popular searches” once readers search for it "
                        "often enough. Approve only general topics: never a name, address, phone "
                        "number or anything personal.",
                        max_length=255,
                        unique=True,
                        verbose_name="search term",
                    ),
                ),
                ("approved_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={"verbose_name": "approved popular search", "ordering": ["query_string"]},
        ),
        migrations.RunPython(grant, migrations.RunPython.noop),
    ]
