"""Rebuild the article search documents and their index entries from the live articles.

Publishing keeps them in step; run this after restoring a database, bulk-importing articles,
changing view restrictions in bulk, or switching search backend (then `update_index` too).
"""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from articles.models import ArticlePage
from search import documents


class Command(BaseCommand):
    help = "Rebuild the article search documents (title, content, author) and index them."

    def add_arguments(self, parser):
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        total = ArticlePage.objects.live().public().count()
        with tqdm(total=total, unit="article", disable=options["no_progress"]) as bar:
            count = documents.rebuild(progress=bar.update)
        self.stdout.write(f"{count:,} searchable articles indexed.")
