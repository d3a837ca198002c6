"""Import a WordPress site from its WXR export (`manage.py import_wordpress`).

wxr.py reads the file (safely, streaming); markup.py and convert.py turn post content into the
article body's blocks; taxonomy.py, media.py, pages.py (with slugs.py and, for new articles in
batches, bulk.py), comments.py and redirects.py write what each kind of item becomes; ledger.py
remembers it (articles.ImportedItem) so a re-run updates instead of duplicating; importer.py
runs it all in one transaction; report.py says what happened.
"""
