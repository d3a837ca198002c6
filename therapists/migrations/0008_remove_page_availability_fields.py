"""The profile page's availability fields, now in ProfileAvailability (0007)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("therapists", "0007_profile_availability"),
    ]

    operations = [
        migrations.RemoveField(
            model_name="therapistprofilepage",
            name="accepting_confirmed_on",
        ),
        migrations.RemoveField(
            model_name="therapistprofilepage",
            name="accepting_new_clients",
        ),
    ]
