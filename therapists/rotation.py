"""Fair ranking: results that tie (the same distance band, or no distance at all) come in an
order that changes every day, so no therapist is always on top because of their name or the
date they joined, and nobody can buy or game the first place.

The order is computed in the database: each profile's key is (a·id + b) mod p for a prime p,
with a and b drawn from a hash of the date. That is a different permutation of the ids every
day, and the same one all day, so page 2 follows page 1 (the page cache may still serve a page
rendered before midnight for up to its lifetime; docs/directory.md).
"""

import hashlib

from django.db.models import BigIntegerField, Case, IntegerField, Value, When
from django.db.models.functions import Cast, Mod
from django.utils import timezone

# 2^31 - 1 is prime: with 0 < a < p, a·id + b (mod p) is one-to-one on ids below p, and a·id
# stays within a signed 64-bit integer.
PRIME = 2_147_483_647
# Results nearer than each bound (miles) form one band; the radius menu's steps.
DISTANCE_BANDS = (5, 10, 25, 50, 100, 250)


def day_coefficients(day):
    digest = hashlib.sha256(f"mindwell fair ranking {day.isoformat()}".encode()).digest()
    a = int.from_bytes(digest[:4], "big") % (PRIME - 1) + 1
    b = int.from_bytes(digest[4:8], "big") % PRIME
    return a, b


def daily_key(day=None, field="pk"):
    """The day's rotation key of each row, an expression for order_by()."""
    a, b = day_coefficients(day or timezone.localdate())
    big = BigIntegerField()
    return Mod(
        Cast(field, big) * Value(a, output_field=big) + Value(b, output_field=big),
        Value(PRIME, output_field=big),
    )


def distance_band(field="distance"):
    """0 for results within the first band, 1 for the next, …; no distance last."""
    whens = [
        When(**{f"{field}__lte": bound}, then=Value(band))
        for band, bound in enumerate(DISTANCE_BANDS)
    ]
    return Case(
        *whens,
        When(**{f"{field}__isnull": False}, then=Value(len(DISTANCE_BANDS))),
        default=Value(len(DISTANCE_BANDS) + 1),
        output_field=IntegerField(),
    )
