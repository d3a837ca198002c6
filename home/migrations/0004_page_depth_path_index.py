"""An index on Wagtail's page tree by (depth, path).

The header's main menu asks for the home page's children on every page: `depth = 3 AND path
BETWEEN …`. Wagtail's own index on `path` alone makes that read every page below the home page
(tens of thousands of articles and profiles); with depth first it reads only the children.
"""

from django.db import migrations

INDEX = "home_wagtailcore_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_featured_articles"),
        ("wagtailcore", "0001_initial"),
    ]

    operations = [
        migrations.RunSQL(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON wagtailcore_page (depth, path)",
            f"DROP INDEX IF EXISTS {INDEX}",
        ),
    ]
