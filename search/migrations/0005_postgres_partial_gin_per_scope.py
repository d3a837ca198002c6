"""PostgreSQL: one GIN index on `title || body` per search document model.

All indexed models share Wagtail's index table, so the one `title || body` index (0002) returns
every model's entries for a word and PostgreSQL then drops the other models' rows: a Title search
for two words common in article texts read tens of thousands of content entries to find nine
titles. A partial index per document model (WHERE content_type_id = that model) holds only that
scope's entries; the backend's `content_type_id IN (<model>)` condition selects it.
"""

from django.db import migrations

MODELS = ("titledocument", "contentdocument", "authordocument")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        # The row Django would create after migrating; made now so the index can name its id.
        content_type, _ = ContentType.objects.get_or_create(app_label="search", model=model)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_{model}_entry_gin ON wagtailsearch_indexentry "
            f"USING gin ((title || body)) WHERE content_type_id = {int(content_type.pk)}"
        )
        schema_editor.execute(
            f"ALTER INDEX search_{model}_entry_gin ALTER COLUMN 1 SET STATISTICS 1000"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model in MODELS:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_{model}_entry_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0004_postgres_join_indexes_and_statistics"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create, drop)]
