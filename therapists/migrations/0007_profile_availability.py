"""Availability moves out of the profile page into ProfileAvailability (a row per profile).

Each profile keeps what its page row says today: the live answer, the one visitors see. Revisions
keep their old copies of the two fields, which nothing reads any more. 0008 drops the page's
fields once the rows are in.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

BATCH = 2000


def copy_to_availability(apps, schema_editor):
    TherapistProfilePage = apps.get_model("therapists", "TherapistProfilePage")
    ProfileAvailability = apps.get_model("therapists", "ProfileAvailability")
    rows = TherapistProfilePage.objects.order_by("pk").values_list(
        "pk", "accepting_new_clients", "accepting_confirmed_on"
    )
    ProfileAvailability.objects.bulk_create(
        (
            ProfileAvailability(
                profile_id=pk, accepting_new_clients=accepting, confirmed_on=confirmed_on
            )
            for pk, accepting, confirmed_on in rows.iterator(chunk_size=BATCH)
        ),
        batch_size=BATCH,
    )


def copy_back_to_pages(apps, schema_editor):
    TherapistProfilePage = apps.get_model("therapists", "TherapistProfilePage")
    ProfileAvailability = apps.get_model("therapists", "ProfileAvailability")
    for availability in ProfileAvailability.objects.iterator(chunk_size=BATCH):
        TherapistProfilePage.objects.filter(pk=availability.profile_id).update(
            accepting_new_clients=availability.accepting_new_clients,
            accepting_confirmed_on=availability.confirmed_on,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("therapists", "0006_faith"),
    ]

    operations = [
        migrations.CreateModel(
            name="ProfileAvailability",
            fields=[
                (
                    "profile",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="availability",
                        serialize=False,
                        to="therapists.therapistprofilepage",
                    ),
                ),
                ("accepting_new_clients", models.BooleanField(default=True)),
                (
                    "confirmed_on",
                    models.DateField(
                        default=django.utils.timezone.localdate,
                        help_text="Update this date when you confirm you still have room; an old date shows as unconfirmed.",
                        verbose_name="accepting new clients last confirmed",
                    ),
                ),
            ],
            options={
                "verbose_name": "availability",
                "verbose_name_plural": "availability",
            },
        ),
        migrations.RunPython(copy_to_availability, copy_back_to_pages, elidable=True),
    ]
