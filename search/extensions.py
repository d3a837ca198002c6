"""The PostgreSQL extensions the article search uses where they exist, and their indexes.

- `rum` (Debian's postgresql-15-rum): a RUM index on the expression Wagtail's backend matches,
  `title || body`, partial on the content documents' content type like the GIN indexes of
  migration 0005. search/backend.py orders large Content searches by it.
- `pg_trgm` (in PostgreSQL's contrib): a trigram index on the vocabulary "Did you mean" reads
  (search/spelling.py).

`ensure()` runs after every `migrate` (post_migrate, search/apps.py), so CI, `make serve`, the
benchmark and a database whose extension was installed later all get them. It never fails: where
an extension is not installable (not packaged, no privilege, not PostgreSQL) it creates nothing
and the search runs as before (ts_rank ordering, the Python spelling fallback).
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError, transaction

logger = logging.getLogger(__name__)

DOCUMENT_MODELS = ("titledocument", "contentdocument", "authordocument")
# Titles and author names match a few thousand articles at most and their vectors are short:
# ts_rank over all of them is fast (docs/performance.md). Only the articles' texts need RUM.
RUM_MODELS = ("contentdocument",)
VOCABULARY_TRGM_INDEX = "search_searchword_word_trgm"

# Per database alias: the RUM indexes that exist and whether pg_trgm is installed. Read once per
# process; forget() after creating or dropping them.
_state = {}


def rum_index_name(model_name):
    return f"search_{model_name}_entry_rum"


def _installed(cursor):
    cursor.execute("SELECT extname FROM pg_extension WHERE extname IN ('rum', 'pg_trgm')")
    return {row[0] for row in cursor.fetchall()}


def _create_extension(connection, name):
    """CREATE EXTENSION where PostgreSQL offers it; False (and a log line) where it cannot."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_available_extensions WHERE name = %s", [name])
        if cursor.fetchone() is None:
            logger.warning("PostgreSQL extension %s is not available: not using it", name)
            return False
        try:
            with transaction.atomic(using=connection.alias):  # a savepoint: a failure is local
                cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {name}")
        except DatabaseError as error:
            logger.warning("Could not create PostgreSQL extension %s: %s", name, error)
            return False
    return True


def ensure(connection):
    """Create the extensions and indexes that are missing (idempotent); return which are on."""
    if connection.vendor != "postgresql":
        return set()
    with connection.cursor() as cursor:
        installed = _installed(cursor)
    for name in ("rum", "pg_trgm"):
        if name not in installed and _create_extension(connection, name):
            installed.add(name)
    with connection.cursor() as cursor:
        if "rum" in installed:
            for model in RUM_MODELS:
                content_type, _ = ContentType.objects.db_manager(connection.alias).get_or_create(
                    app_label="search", model=model
                )
                cursor.execute(
                    f"CREATE INDEX IF NOT EXISTS {rum_index_name(model)} "
                    "ON wagtailsearch_indexentry USING rum ((title || body) rum_tsvector_ops) "
                    f"WHERE content_type_id = {int(content_type.pk)}"
                )
        if "pg_trgm" in installed:
            cursor.execute(
                f"CREATE INDEX IF NOT EXISTS {VOCABULARY_TRGM_INDEX} "
                "ON search_searchword USING gist (word gist_trgm_ops)"
            )
    forget(connection)
    return installed


def forget(connection=None):
    if connection is None:
        _state.clear()
    else:
        _state.pop(connection.alias, None)


def _read_state(connection):
    state = _state.get(connection.alias)
    if state is None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE indexname LIKE 'search\\_%%' "
                "AND indexdef LIKE '%%USING rum%%'"
            )
            rum = {row[0] for row in cursor.fetchall()}
            state = {"rum": rum, "trgm": "pg_trgm" in _installed(cursor)}
        _state[connection.alias] = state
    return state


def rum_index_ready(model, connection):
    """Whether `model`'s index entries have a RUM index to rank in."""
    if connection.vendor != "postgresql":
        return False
    return rum_index_name(model._meta.model_name) in _read_state(connection)["rum"]


def trigram_ready(connection):
    if connection.vendor != "postgresql":
        return False
    return _read_state(connection)["trgm"]
