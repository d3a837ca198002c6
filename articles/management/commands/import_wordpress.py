"""`python manage.py import_wordpress EXPORT.xml [--media-dir DIR] [--dry-run] [--no-progress]`

Imports a WordPress WXR export (Tools › Export): authors, categories, tags, posts, pages, images,
comments, and redirects from every old URL. See articles/wordpress/ and docs/operations.md,
"Importing from WordPress".
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.wordpress.importer import ImportFailed, run_import
from articles.wordpress.wxr import WXRError


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR 1.1/1.2): authors, topics, posts, pages, images, "
        "comments and redirects. Re-running it changes nothing; a newer export updates."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="the .xml file WordPress's Tools › Export wrote")
        parser.add_argument(
            "--media-dir",
            help="a copy of wp-content/uploads: images are taken from it (else reported missing)",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="read everything and report; save nothing"
        )
        parser.add_argument("--no-progress", action="store_true", help="no progress bar")

    def handle(self, *args, **options):
        media_dir = options["media_dir"]
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a directory.")
        try:
            report = run_import(
                options["export"],
                media_dir=media_dir,
                dry_run=options["dry_run"],
                progress=not options["no_progress"],
            )
        except (WXRError, ImportFailed) as error:
            raise CommandError(str(error)) from None
        self.stdout.write(report.render(), ending="")
