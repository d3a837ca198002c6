"""The importer's memory of earlier runs (ImportedItem rows), read once and written in bulk."""

import hashlib
import json
from dataclasses import dataclass

from django.utils import timezone

from articles.models import ImportedItem

BATCH = 2000


def digest(data):
    """A stable hash of what an item became (a re-run compares it to skip unchanged items)."""
    encoded = json.dumps(data, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(encoded.encode()).hexdigest()


@dataclass(slots=True)
class Entry:
    object_id: int
    digest: str
    revision_id: int | None = None
    pk: int | None = None


class Ledger:
    def __init__(self, source):
        self.source = source
        self.entries = {}
        rows = ImportedItem.objects.filter(source=source).values_list(
            "pk", "kind", "wordpress_id", "object_id", "digest", "revision_id"
        )
        for pk, kind, wordpress_id, object_id, item_digest, revision_id in rows.iterator(
            chunk_size=BATCH
        ):
            self.entries[kind, wordpress_id] = Entry(object_id, item_digest, revision_id, pk)
        self.changed = {}

    def get(self, kind, wordpress_id):
        return self.entries.get((kind, str(wordpress_id)))

    def ids(self, kind):
        """{wordpress id: object id} of one kind."""
        return {key[1]: entry.object_id for key, entry in self.entries.items() if key[0] == kind}

    def record(self, kind, wordpress_id, object_id, item_digest, revision_id=None):
        key = (kind, str(wordpress_id))
        entry = self.entries.get(key)
        if entry is None:
            entry = self.entries[key] = Entry(object_id, item_digest, revision_id)
        else:
            entry.object_id, entry.digest, entry.revision_id = object_id, item_digest, revision_id
        self.changed[key] = entry
        if len(self.changed) >= BATCH:
            self.save()

    def forget(self, kind, wordpress_id):
        """What this item became is gone (deleted in MindWell): import it afresh."""
        entry = self.entries.pop((kind, str(wordpress_id)), None)
        if entry is not None and entry.pk is not None:
            ImportedItem.objects.filter(pk=entry.pk).delete()
        self.changed.pop((kind, str(wordpress_id)), None)

    def save(self):
        new, old = [], []
        now = timezone.now()
        for (kind, wordpress_id), entry in self.changed.items():
            row = ImportedItem(
                pk=entry.pk,
                source=self.source,
                kind=kind,
                wordpress_id=wordpress_id,
                object_id=entry.object_id,
                digest=entry.digest,
                revision_id=entry.revision_id,
                updated_at=now,
            )
            (old if entry.pk else new).append((row, entry))
        if new:
            rows = [row for row, _ in new]
            ImportedItem.objects.bulk_create(rows, batch_size=BATCH)
            for row, entry in new:
                entry.pk = row.pk
        if old:
            fields = ["object_id", "digest", "revision_id", "updated_at"]
            ImportedItem.objects.bulk_update([row for row, _ in old], fields, batch_size=BATCH)
        self.changed = {}
