"""PostgreSQL: each search document model's index entries, newest first.

A search that matches more than search/query.py lists ranks its newest matches; when most
documents match, search/backend.py walks a scope's entries back from the newest, checking each.
This index gives that order on `object_id::bigint + 0` (the document's recency key): an
expression only that walk uses, so PostgreSQL cannot pick the index for other searches, where
walking entries one by one looked cheap to it (it expects any word in a third of them) and took
350 ms when few matched.
"""

from django.db import migrations

MODELS = ("titledocument", "contentdocument", "authordocument")


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    ContentType = apps.get_model("contenttypes", "ContentType")
    for model in MODELS:
        content_type, _ = ContentType.objects.get_or_create(app_label="search", model=model)
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS search_{model}_entry_recency ON wagtailsearch_indexentry "
            f"((((object_id)::bigint + 0))) WHERE content_type_id = {int(content_type.pk)}"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model in MODELS:
        schema_editor.execute(f"DROP INDEX IF EXISTS search_{model}_entry_recency")


class Migration(migrations.Migration):
    dependencies = [("search", "0007_search_vocabulary")]

    operations = [migrations.RunPython(create, drop)]
