"""The vocabulary of "Did you mean" (SearchWord, search/spelling.py), counted from the existing
search documents. Its trigram index and the RUM indexes are made after migrate by
search/extensions.py, where PostgreSQL has the extensions."""

from django.db import migrations, models


def count_vocabulary(apps, schema_editor):
    # The app's own rebuild: the table was created just above, and the words are counted the same
    # way on a new database as on one with 100,000 articles.
    from search.spelling import rebuild

    rebuild()


class Migration(migrations.Migration):
    dependencies = [
        ("search", "0006_approved_search_terms"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchWord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("scope", models.CharField(max_length=10)),
                (
                    "word",
                    models.CharField(
                        help_text="Lower case: what queries are compared to.", max_length=40
                    ),
                ),
                (
                    "display",
                    models.CharField(help_text="As written (an author's capitals).", max_length=40),
                ),
                ("documents", models.PositiveIntegerField(default=0)),
            ],
            options={
                "constraints": [
                    models.UniqueConstraint(
                        fields=("scope", "word"), name="search_word_unique_per_scope"
                    )
                ],
            },
        ),
        migrations.RunPython(count_vocabulary, migrations.RunPython.noop),
    ]
