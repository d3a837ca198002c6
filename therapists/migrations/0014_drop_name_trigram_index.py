"""PostgreSQL: drop the trigram index on `sort_name` that 0013 made for the name suggestions.

"Did you mean" now compares the words of live names held in Django's cache
(therapists/name_suggestions.py), which was faster and found more; the index went unused.
pg_trgm itself stays: the article search's vocabulary uses it (search/0007).
"""

from django.db import migrations

INDEX = "therapists_profile_name_trgm"


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
        if cursor.fetchone() is None:
            return
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON therapists_therapistprofilepage "
        "USING gin (sort_name gin_trgm_ops)"
    )


class Migration(migrations.Migration):
    dependencies = [("therapists", "0013_postgres_name_indexes")]

    operations = [migrations.RunPython(drop, create)]
