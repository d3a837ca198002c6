"""PostgreSQL: indexes for the name search (`q`) and its "Did you mean …?".

- The name search goes through Wagtail's database backend, which matches `title || body` of its
  index table and joins the profiles on `page_ptr_id::varchar(50)::text = object_id`. A partial
  GIN index on that expression for the profiles' entries alone, and an index on the join's cast
  of the key, let PostgreSQL find a name's entries and their profiles by index (as search/0004
  and 0005 do for the article search's documents).
- pg_trgm and a trigram GIN index on `sort_name` (the name in lower case), for the suggestions
  (therapists/name_suggestions.py). Not declared on the model because it exists only where it
  can: where the extension cannot be created (no permission, not installed) the migration still
  succeeds and the suggestions use their Python fallback, as on SQLite.
"""

from django.db import DatabaseError, migrations, transaction

PROFILES = "therapists_therapistprofilepage"
ENTRIES_INDEX = "therapists_profile_entry_gin"
KEY_INDEX = "therapists_profile_id_text"
TRIGRAM_INDEX = "therapists_profile_name_trgm"


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    # The row Django would create after migrating; made now so the index can name its id.
    content_type, _ = ContentType.objects.get_or_create(
        app_label="therapists", model="therapistprofilepage"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {ENTRIES_INDEX} ON wagtailsearch_indexentry "
        f"USING gin ((title || body)) WHERE content_type_id = {int(content_type.pk)}"
    )
    # Rare and common names are told apart by statistics on the expression (as search/0005).
    schema_editor.execute(f"ALTER INDEX {ENTRIES_INDEX} ALTER COLUMN 1 SET STATISTICS 1000")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {KEY_INDEX} ON {PROFILES} (((page_ptr_id::varchar(50))::text))"
    )
    try:
        with transaction.atomic(using=connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except DatabaseError:
        return  # unavailable here: the suggestions' fallback serves
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {TRIGRAM_INDEX} ON {PROFILES} "
        "USING gin (sort_name gin_trgm_ops)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in (ENTRIES_INDEX, KEY_INDEX, TRIGRAM_INDEX):
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [
        ("therapists", "0012_practice_licenses_access_insight"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailsearch", "0010_add_text_fields"),
    ]

    operations = [migrations.RunPython(create, drop)]
