"""A small directory with known places and filters, for tests that assert exact result sets.

Who they see: Ada teens and couples too, Cai only children (and families), Dana older adults
too, Eli only groups; faiths: Ada Christian, Cai Jewish.

Distances from ZIP 97214 (Portland, OR): Beaverton 97005 ≈ 8.0 mi, Vancouver WA 98660
≈ 9.1 mi, Eugene 97401 ≈ 102 mi, Seattle 98103 ≈ 150 mi, Denver/Boulder ≈ 960 mi.
"""

from datetime import timedelta

from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Site

from therapists.models import (
    Approach,
    Faith,
    Identity,
    Insurer,
    Issue,
    Language,
    PracticeLocation,
    Profession,
    ProfileAvailability,
    State,
    TherapistIndexPage,
    TherapistProfilePage,
)


def taxonomy(model, *names):
    return {slugify(name): model.objects.get_or_create(name=name)[0] for name in names}


def build_taxonomies():
    return {
        "issue": taxonomy(Issue, "Anxiety", "Depression", "Grief"),
        "approach": taxonomy(Approach, "CBT", "EMDR"),
        "profession": taxonomy(Profession, "Psychologist", "Counselor", "Social worker"),
        "language": taxonomy(Language, "English", "Spanish"),
        "insurance": taxonomy(Insurer, "Aetna", "Cigna"),
        "identity": taxonomy(Identity, "LGBTQ", "Veteran"),
        "faith": taxonomy(Faith, "Christian", "Jewish", "Buddhist"),
    }


def directory_page():
    existing = TherapistIndexPage.objects.first()
    if existing:
        return existing
    home = Site.objects.get(is_default_site=True).root_page
    page = TherapistIndexPage(title="Find a Therapist", slug="find-a-therapist")
    home.add_child(instance=page)
    page.save_revision().publish()
    return page


def make_profile(index, name, places, *, live=True, **fields):
    """A published profile; `places` is a list of (city, state, zip). `accepting_new_clients`
    and `accepting_confirmed_on` set its availability (ProfileAvailability)."""
    availability = {
        model_field: fields.pop(key)
        for key, model_field in (
            ("accepting_new_clients", "accepting_new_clients"),
            ("accepting_confirmed_on", "confirmed_on"),
        )
        if key in fields
    }
    m2m = {
        key: fields.pop(key)
        for key in (
            "issues",
            "top_specialties",
            "approaches",
            "languages",
            "insurers",
            "identities",
            "online_states",
        )
        if key in fields
    }
    fields.setdefault("statement", f"{name} helps people feel better, one week at a time.")
    profile = TherapistProfilePage(
        title=name,
        slug=slugify(name),
        locations=[
            PracticeLocation(street="1 Test Street", city=city, state=state, zip_code=zip_code)
            for city, state, zip_code in places
        ],
        live=live,
        **fields,
    )
    for key, values in m2m.items():
        setattr(profile, key, values)
    index.add_child(instance=profile)
    if availability:
        ProfileAvailability.objects.filter(profile=profile).update(**availability)
    if live:
        profile.save_revision().publish()
    else:
        profile.save_revision()
    return profile


def build_directory():
    """Six live profiles and a draft; returns (index, taxonomies, {letter: profile})."""
    index = directory_page()
    t = build_taxonomies()
    today = timezone.localdate()
    states = {state.code: state for state in State.objects.filter(code__in=["OR", "WA"])}
    issue, approach, prof = t["issue"], t["approach"], t["profession"]
    english, spanish = t["language"]["english"], t["language"]["spanish"]
    aetna, cigna = t["insurance"]["aetna"], t["insurance"]["cigna"]
    people = {
        "A": make_profile(
            index,
            "Ada Applegate",
            [("Portland", "OR", "97214")],
            issues=[issue["anxiety"], issue["depression"]],
            top_specialties=[issue["anxiety"]],
            approaches=[approach["cbt"]],
            profession=prof["psychologist"],
            gender="female",
            languages=[english, spanish],
            insurers=[aetna],
            identities=[t["identity"]["lgbtq"]],
            offers_online=True,
            online_states=[states["OR"], states["WA"]],
            sliding_scale=True,
            fee_min=100,
            fee_max=150,
            accepting_confirmed_on=today,
            license_verified=True,
            license_verified_on=today - timedelta(days=3),
            phone="503-555-0101",
            serves_teens=True,
            sees_couples=True,
            faith=t["faith"]["christian"],
        ),
        "B": make_profile(
            index,
            "Ben Birchwood",
            [("Beaverton", "OR", "97005")],
            issues=[issue["anxiety"]],
            approaches=[approach["emdr"]],
            profession=prof["counselor"],
            gender="male",
            languages=[english],
            insurers=[cigna],
            fee_min=180,
            accepting_confirmed_on=today - timedelta(days=150),  # stale: unconfirmed, still listed
        ),
        "C": make_profile(
            index,
            "Cai Cedarholm",
            [("Vancouver", "WA", "98660")],
            issues=[issue["depression"], issue["grief"]],
            approaches=[approach["cbt"]],
            profession=prof["social-worker"],
            gender="non-binary",
            languages=[english],
            insurers=[aetna],
            offers_online=True,
            online_states=[states["WA"]],
            fee_min=90,
            serves_children=True,
            serves_adults=False,
            sees_families=True,
            faith=t["faith"]["jewish"],
        ),
        "D": make_profile(
            index,
            "Dana Driftwood",
            [("Eugene", "OR", "97401")],
            issues=[issue["anxiety"]],
            profession=prof["psychologist"],
            gender="female",
            offers_online=True,
            online_states=[states["OR"]],
            sliding_scale=True,
            fee_min=120,
            serves_older_adults=True,
        ),
        "E": make_profile(
            index,
            "Eli Evergreen",
            [("Seattle", "WA", "98103")],
            issues=[issue["anxiety"]],
            profession=prof["counselor"],
            gender="male",
            offers_online=True,
            offers_in_person=False,
            online_states=[states["WA"], states["OR"]],
            identities=[t["identity"]["veteran"]],
            fee_min=150,
            sees_individuals=False,
            sees_groups=True,
        ),
        "F": make_profile(
            index,
            "Fay Foothill",
            [("Denver", "CO", "80203"), ("Boulder", "CO", "80302")],
            issues=[issue["anxiety"]],
            profession=prof["psychologist"],
            gender="female",
            fee_min=200,
            accepting_new_clients=False,
        ),
        "G": make_profile(
            index, "Gus Draftly", [("Portland", "OR", "97214")], live=False, fee_min=50
        ),
    }
    return index, t, people
