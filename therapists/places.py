"""Read what people type as a place, forgivingly: ZIP codes, "City, ST", states, and the rest.

The rest: abbreviations (St./St/Saint, Ft./Fort, Mt./Mount), short names (NYC, SF, Philly), a
city without its state (answered with the places of that name) and misspellings (answered with
"Did you mean …?", matched with RapidFuzz).

Cities come from the ZIP code list the `zipcodes` package ships (geo.py): a city's centre is the
mean of its ZIP codes. The package has no population figures, so the number of ZIP codes a city
has stands in for its size: "Portland" lists Portland, OR (65 ZIP codes) before Portland, ME (9).
"""

import itertools
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import zipcodes
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from rapidfuzz import fuzz, process

from home.text_input import clean_text, to_ascii_digits

from .geo import ZIP_RE, Point, lookup_zip, record_point
from .states import STATE_NAMES, state_code

# Words people shorten in city names, and the spelling the ZIP list uses for each.
ABBREVIATIONS = {"st": "saint", "ste": "sainte", "ft": "fort", "mt": "mount", "pt": "point"}
SHORTENED = {full: [full, short] for short, full in ABBREVIATIONS.items()}
# Nicknames, keyed by their letters alone ("N.Y.C." is "nyc"). A state code always wins, so
# "LA" is Louisiana and only "L.A." (or "LA, CA") is Los Angeles.
SHORT_NAMES = {
    "nyc": ("New York", "NY"),
    "newyorkcity": ("New York", "NY"),
    "sf": ("San Francisco", "CA"),
    "sanfran": ("San Francisco", "CA"),
    "philly": ("Philadelphia", "PA"),
    "la": ("Los Angeles", "CA"),
    "nola": ("New Orleans", "LA"),
    "vegas": ("Las Vegas", "NV"),
    "slc": ("Salt Lake City", "UT"),
}
# How alike (0-100, RapidFuzz's ratio of the normalised names) a city must be to be suggested:
# "portlnd"/"portland" scores 93, "sacremento"/"sacramento" 90, "atlantis"/"atlanta" 80.
SUGGEST_SCORE = 82
MAX_SUGGESTIONS = 5
STATE_NAME_WORDS = 4  # the longest state name: "District of Columbia", "U.S. Virgin Islands"
UNREADABLE = (
    "We could not read “{value}” as a place. Enter a 5-digit ZIP code, a city and state "
    "(e.g. Portland, OR) or a state."
)


@dataclass(frozen=True)
class Place:
    """Where the visitor searches: a ZIP code or city (a point) or a whole state."""

    kind: str  # "zip", "city" or "state"
    label: str
    state: str
    point: Point | None = None
    # The ways a practice location's city may be spelt ("saint-louis", "st-louis").
    city_slugs: tuple = ()


@dataclass(frozen=True)
class City:
    name: str  # as the ZIP list spells it
    state: str
    point: Point
    zip_count: int

    @property
    def label(self):
        return f"{self.name}, {self.state}"

    def as_place(self):
        return Place("city", self.label, self.state, self.point, city_slugs(self.name))


@dataclass(frozen=True)
class PlaceQuestion:
    """A place that needs one more word from the visitor: which of these, or "did you mean"."""

    typed: str
    cities: tuple  # most likely (or most populous) first
    misspelt: bool
    state: str = ""  # the state the visitor named, if any

    label = ""  # not a place yet: nothing to describe in headings or cache keys

    @property
    def state_name(self):
        return STATE_NAMES.get(self.state, "")


def plain_text(value):
    """Text as people meant it: full-width and other digits as 0-9 (the ZIP list takes only
    those), no control or format characters (home/text_input.py)."""
    return clean_text(to_ascii_digits(unicodedata.normalize("NFKC", str(value))))


def city_key(name):
    """Compare city names loosely: case, accents, dots, hyphens and St./Saint do not matter."""
    text = unicodedata.normalize("NFKD", name.lower())
    text = "".join(char for char in text if not unicodedata.combining(char))
    words = re.findall(r"[a-z0-9]+", text.replace("'", "").replace("’", ""))
    return " ".join(ABBREVIATIONS.get(word, word) for word in words)


def city_slugs(name):
    """Every slug a therapist's spelling of this city may have (PracticeLocation.city_slug)."""
    words = [SHORTENED.get(word, [word]) for word in city_key(name).split()]
    slugs = {"-".join(combination) for combination in itertools.product(*words)}
    slugs.add(slugify(name))
    return tuple(sorted(slugs))


def _group(records):
    """{(key, state): City} from ZIP records: a centre and a ZIP count per city."""
    sums = {}
    for record in records:
        point = record_point(record)
        if point is None or record["state"] not in STATE_NAMES:
            continue  # military post offices (AE, AP, AA) and freely associated states
        entry = sums.setdefault((city_key(record["city"]), record["state"]), [record["city"], []])
        entry[1].append(point)
    return {
        place: City(
            name,
            place[1],
            Point(
                sum(p.latitude for p in points) / len(points),
                sum(p.longitude for p in points) / len(points),
            ),
            len(points),
        )
        for place, (name, points) in sums.items()
    }


@lru_cache(maxsize=64)
def cities_in_state(state):
    """{key: City} for one state (a few dozen milliseconds, then cached)."""
    return {key: city for (key, _state), city in _group(zipcodes.filter_by(state=state)).items()}


@lru_cache(maxsize=1)
def cities_by_name():
    """{key: [City, …] most populous first} for the whole country.

    Built on the first search for a city without its state (about a second: it reads all
    42,000 ZIP codes), then kept for the life of the process.
    """
    by_name = {}
    for (key, _state), city in _group(zipcodes.list_all()).items():
        by_name.setdefault(key, []).append(city)
    for cities in by_name.values():
        cities.sort(key=lambda city: (-city.zip_count, city.state))
    return by_name


def lookup_city(city, state):
    """The City of that name in that state, or None."""
    return cities_in_state(state).get(city_key(city))


def parse_location(value):
    """A Place, a PlaceQuestion, or None for nothing typed; ValidationError if unreadable."""
    value = plain_text(value)
    if not value:
        return None
    if ZIP_RE.match(value):
        info = lookup_zip(value)
        if info is None:
            raise ValidationError(
                f"We could not find the ZIP code {value}. Check it, or search by city and "
                "state (e.g. Portland, OR)."
            )
        return Place("zip", f"{info.zip_code} ({info.city}, {info.state})", info.state, info.point)
    if value.replace("-", "").replace(" ", "").isdigit():
        raise ValidationError("A ZIP code has five digits, e.g. 97214.")
    code = state_code(value)
    if code:
        return Place("state", STATE_NAMES[code], code)
    city, code, had_comma = _split_state(value)
    if code is None:
        return _city_anywhere(value)
    found = _city_in_state(city, code)
    if found is not None:
        return found
    if not had_comma and city_key(value) in cities_by_name():
        return _city_anywhere(value)  # a name that ends like a state: "Port Washington"
    return _near_misses(city, code)


def _split_state(value):
    """(city, state code or None, whether a comma parted them) for "City, ST" or "City ST"."""
    if "," in value:
        city, _comma, state = value.rpartition(",")
        city = city.strip(" ,")
        code = state_code(state.strip())
        if not city:
            raise ValidationError(UNREADABLE.format(value=value[:60]))
        if code is None:
            raise ValidationError(
                f"We do not know the state “{state.strip()[:40]}”. Give its two-letter code "
                "or its name, e.g. Portland, OR."
            )
        return city, code, True
    words = value.split()
    for count in range(min(STATE_NAME_WORDS, len(words) - 1), 0, -1):
        code = state_code(" ".join(words[-count:]))
        if code:
            return " ".join(words[:-count]), code, False
    return value, None, False


def _short_name(text):
    return SHORT_NAMES.get(re.sub(r"[^a-z]", "", text.lower()))


def _city_in_state(city, code):
    short = _short_name(city)
    if short and short[1] == code:
        city = short[0]
    found = lookup_city(city, code)
    return found.as_place() if found else None


def _near_misses(city, code):
    """ "Did you mean" for a city not found in its state: like names there, the name elsewhere."""
    key = city_key(city)
    in_state = cities_in_state(code)
    matches = process.extract(
        key, list(in_state), scorer=fuzz.ratio, score_cutoff=SUGGEST_SCORE, limit=MAX_SUGGESTIONS
    )
    alike = sorted(
        (in_state[name] for name, _score, _index in matches),
        key=lambda found: (-fuzz.ratio(key, city_key(found.name)), -found.zip_count),
    )
    elsewhere = cities_by_name().get(key, [])[:2]
    suggestions = tuple((alike + elsewhere)[:MAX_SUGGESTIONS])
    if not suggestions:
        raise ValidationError(
            f"We could not find a city called “{city[:60]}” in {STATE_NAMES[code]}. Check the "
            "spelling, or try a ZIP code."
        )
    return PlaceQuestion(city, suggestions, misspelt=True, state=code)


def _city_anywhere(value):
    """A city without its state: the one place of that name, or the choice of them."""
    short = _short_name(value)
    if short:
        return cities_in_state(short[1])[city_key(short[0])].as_place()
    key = city_key(value)
    if not key:
        raise ValidationError(UNREADABLE.format(value=value[:60]))
    by_name = cities_by_name()
    cities = by_name.get(key)
    if cities and len(cities) == 1:
        return cities[0].as_place()
    if cities:
        return PlaceQuestion(value, tuple(cities), misspelt=False)
    matches = process.extract(
        key, list(by_name), scorer=fuzz.ratio, score_cutoff=SUGGEST_SCORE, limit=MAX_SUGGESTIONS
    )
    suggestions = sorted(
        (city for name, _score, _index in matches for city in by_name[name]),
        key=lambda city: (-fuzz.ratio(key, city_key(city.name)), -city.zip_count),
    )
    if not suggestions:
        raise ValidationError(UNREADABLE.format(value=value[:60]))
    return PlaceQuestion(value, tuple(suggestions[:MAX_SUGGESTIONS]), misspelt=True)
