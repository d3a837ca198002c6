"""Each therapist's collection becomes private: its documents for the owner and staff only."""

from django.db import migrations


def restrict_existing(apps, schema_editor):
    from therapists.access import restrict_uploads

    TherapistAccount = apps.get_model("therapists", "TherapistAccount")
    accounts = TherapistAccount.objects.filter(
        collection__isnull=False, uploads_group__isnull=False
    )
    for account in accounts:
        restrict_uploads(account.collection_id, account.uploads_group_id, apps)


class Migration(migrations.Migration):
    dependencies = [
        ("therapists", "0008_remove_page_availability_fields"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(restrict_existing, migrations.RunPython.noop)]
