"""Offline geocoding from the `zipcodes` package, and great-circle distance in SQL.

`zipcodes` embeds the US ZIP code list with coordinates (MIT licence; coordinates from
GeoNames, CC BY 4.0): no network at run time. Distances are computed by the database with
Django's math functions, which exist on SQLite and PostgreSQL alike.
"""

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import zipcodes
from django.db.models import F, FloatField, Value
from django.db.models.functions import ASin, Cos, Least, Power, Radians, Sin, Sqrt

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_LATITUDE = 69.0

# ASCII digits only: the ZIP library cannot take others (places.py turns them into 0-9 first).
ZIP_RE = re.compile(r"^\s*([0-9]{5})(?:-[0-9]{4})?\s*$")


@dataclass(frozen=True)
class Point:
    latitude: float
    longitude: float


@dataclass(frozen=True)
class ZipInfo:
    zip_code: str
    city: str
    state: str
    point: Point


def record_point(record):
    try:
        return Point(float(record["lat"]), float(record["long"]))
    except (KeyError, TypeError, ValueError):
        return None


@lru_cache(maxsize=4096)
def lookup_zip(zip_code):
    """The ZIP code's city, state and coordinates, or None if it is unknown or has none."""
    match = ZIP_RE.match(zip_code or "")
    if not match:
        return None
    records = zipcodes.matching(match.group(1))
    if not records:
        return None
    record = records[0]
    point = record_point(record)
    if point is None:
        return None
    return ZipInfo(record["zip_code"], record["city"], record["state"], point)


def bounding_box(point, radius_miles):
    """(min lat, max lat, min lng, max lng) of a box that holds the circle around `point`."""
    lat_delta = radius_miles / MILES_PER_DEGREE_LATITUDE
    cos_lat = max(math.cos(math.radians(point.latitude)), 0.01)
    lng_delta = radius_miles / (MILES_PER_DEGREE_LATITUDE * cos_lat)
    return (
        point.latitude - lat_delta,
        point.latitude + lat_delta,
        point.longitude - lng_delta,
        point.longitude + lng_delta,
    )


def distance_miles(point, latitude_field="latitude", longitude_field="longitude"):
    """A query expression: haversine distance in miles from `point` to the row's coordinates."""
    lat = Value(point.latitude, output_field=FloatField())
    lng = Value(point.longitude, output_field=FloatField())
    half_dlat = Radians(F(latitude_field) - lat) / 2
    half_dlng = Radians(F(longitude_field) - lng) / 2
    a = Power(Sin(half_dlat), 2) + Cos(Radians(lat)) * Cos(Radians(F(latitude_field))) * Power(
        Sin(half_dlng), 2
    )
    # Least() guards ASin against rounding just above 1 for antipodal points.
    return Value(2 * EARTH_RADIUS_MILES) * ASin(
        Least(Sqrt(a), Value(1.0), output_field=FloatField())
    )


def haversine_miles(a, b):
    """The same distance in Python (for tests and the demo)."""
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlng = math.radians(b.longitude - a.longitude)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlng / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(min(1.0, math.sqrt(h)))
